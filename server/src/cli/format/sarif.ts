// `--format sarif`: SARIF 2.1.0 as GitHub code scanning ingests it (upload-sarif). One run; the
// driver lists every rule of the registry so alerts link to their rule even when it did not fire;
// locations are relative to the current directory (the repository root in CI); regions are
// 1-based with UTF-16 columns (SARIF's default column kind); partialFingerprints carry tenet's own
// line-independent fingerprint, so an edit above a finding does not reopen its alert.

import { fingerprintAll, FINGERPRINT_VERSION } from '../../engine/fingerprint';
import { RULES } from '../../engine/rules/registry';
import type { Finding, LintResult, Severity, Span } from '../../engine/types';
import { firstParagraph, plainText } from '../docs';
import { cwdUri } from '../paths';
import { Positions } from '../positions';
import type { FormatContext } from './types';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

interface Message {
  text: string;
  markdown?: string;
}

interface PhysicalLocation {
  artifactLocation: { uri: string };
  region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
}

interface SarifRule {
  id: string;
  name: string;
  shortDescription: Message;
  fullDescription: Message;
  help: Message;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}

interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: Message;
  locations: { physicalLocation: PhysicalLocation }[];
  relatedLocations?: { id: number; physicalLocation: PhysicalLocation; message: Message }[];
  partialFingerprints: Record<string, string>;
  properties?: { policy?: string; requirement?: string };
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [
    {
      tool: { driver: { name: 'tenet'; version: string; semanticVersion: string; rules: SarifRule[] } };
      columnKind: 'utf16CodeUnits';
      results: SarifResult[];
    },
  ];
}

/** `requirement/drift` → `RequirementDrift`: SARIF's `name` is an identifier-like display name. */
export function pascalCase(ruleId: string): string {
  return ruleId
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function sarifRule(rule: (typeof RULES)[number], page: string | undefined): SarifRule {
  const paragraph = page === undefined ? undefined : firstParagraph(page);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: paragraph === undefined ? { text: rule.description } : { text: plainText(paragraph), markdown: paragraph },
    // GitHub shows help.markdown on the alert page: the rule's whole page when it has one.
    help: page === undefined ? { text: rule.description } : { text: page, markdown: page },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['compliance', rule.id.split('/')[0]] },
  };
}

export function toSarif(result: LintResult, context: FormatContext): SarifLog {
  const positions = new Positions(result.texts);
  const ruleIndex = new Map(RULES.map((rule, i) => [rule.id, i]));
  // The CLI's fingerprints (counted over the whole run), else ones counted over these findings.
  let computed: string[] | undefined;
  const fingerprintOf = (f: Finding, i: number) => context.fingerprints?.get(f) ?? (computed ??= fingerprintAll(result.findings))[i];

  const location = (file: string, span: Span): PhysicalLocation => {
    const { start, end } = positions.range(file, span);
    return {
      artifactLocation: { uri: cwdUri(context.cwd, result.root, file) },
      region: { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column },
    };
  };

  const results = result.findings.map((f: Finding, i): SarifResult => {
    const index = ruleIndex.get(f.rule);
    const out: SarifResult = {
      ruleId: f.rule,
      // A rule the registry does not know (none today) is still reported, just without an index.
      ...(index === undefined ? {} : { ruleIndex: index }),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: location(f.file, f.span) }],
      partialFingerprints: { [FINGERPRINT_VERSION]: fingerprintOf(f, i) },
    };
    if (f.related !== undefined && f.related.length > 0) {
      out.relatedLocations = f.related.map((r, id) => ({ id, physicalLocation: location(r.file, r.span), message: { text: r.message } }));
    }
    if (f.policy !== undefined || f.requirement !== undefined) {
      out.properties = {};
      if (f.policy !== undefined) out.properties.policy = f.policy;
      if (f.requirement !== undefined) out.properties.requirement = f.requirement;
    }
    return out;
  });

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'tenet',
            version: context.version,
            semanticVersion: context.version,
            rules: RULES.map((rule) => sarifRule(rule, context.ruleDoc?.(rule.id))),
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

export function formatSarif(result: LintResult, context: FormatContext): string {
  return `${JSON.stringify(toSarif(result, context), null, 2)}\n`;
}
