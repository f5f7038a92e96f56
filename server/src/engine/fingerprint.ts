// Stable identities for findings, so the same problem is the same SARIF alert across commits and
// the same baseline entry across runs. A fingerprint hashes what a finding is about (rule, file,
// policy, requirement, message), never where it is: editing lines above a finding must not make
// it a new one. Parts of a message that move with the calendar alone ("(145 days ago)", "(today is
// 2026-11-22)") are masked, or an overdue review would be a new finding every morning.

import { createHash } from 'node:crypto';
import type { Finding } from './types';

/** Bumped when the hashed parts change, which makes every existing fingerprint a new one. */
export const FINGERPRINT_VERSION = 'tenet/v1';

export type FingerprintSubject = Pick<Finding, 'rule' | 'file' | 'policy' | 'requirement' | 'message'>;

/** The message with its calendar-relative parts masked; what a fingerprint hashes. */
export function stableMessage(message: string): string {
  return message
    .replace(/\(\d+ days? ago\)/g, '(… ago)')
    .replace(/\(today is \d{4}-\d{2}-\d{2}\)/g, '(today is …)');
}

/**
 * The fingerprint of one finding: the hex SHA-256 of its identifying parts and `occurrence`, the
 * 0-based count of identical findings (same parts) before it, which tells true duplicates apart.
 */
export function fingerprint(finding: FingerprintSubject, occurrence = 0): string {
  return sha256(identity(finding), occurrence);
}

/**
 * Fingerprints of `findings`, in their order (callers pass them sorted, so occurrence counters
 * follow position): the n-th finding identical to earlier ones gets occurrence n.
 */
export function fingerprintAll(findings: readonly FingerprintSubject[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const key = identity(finding);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return sha256(key, occurrence);
  });
}

function identity(f: FingerprintSubject): string {
  // JSON keeps the parts apart: no choice of separator could be confused with message text.
  return JSON.stringify([FINGERPRINT_VERSION, f.rule, f.file, f.policy ?? null, f.requirement ?? null, stableMessage(f.message)]);
}

function sha256(key: string, occurrence: number): string {
  return createHash('sha256').update(`${key}#${occurrence}`).digest('hex');
}
