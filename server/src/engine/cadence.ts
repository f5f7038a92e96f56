// Cadence words of the policy format (section 4) and what they mean on the calendar.

import { addDuration, type Day, type Duration, describeDuration, parseDuration } from './dates';

export interface Cadence {
  text: string;
  duration: Duration;
}

export const CADENCE_WORDS: Readonly<Record<string, Duration>> = {
  weekly: { amount: 1, unit: 'weeks' },
  monthly: { amount: 1, unit: 'months' },
  quarterly: { amount: 3, unit: 'months' },
  semiannually: { amount: 6, unit: 'months' },
  annually: { amount: 1, unit: 'years' },
};

export function parseCadence(text: string): Cadence | undefined {
  const word = text.trim().toLowerCase();
  const duration = CADENCE_WORDS[word] ?? parseDuration(word);
  return duration ? { text: text.trim(), duration } : undefined;
}

export function nextDue(last: Day, cadence: Cadence): Day {
  return addDuration(last, cadence.duration);
}

/** "quarterly (every 3 months)" — the word a writer used, and what it means. */
export function describeCadence(cadence: Cadence): string {
  const plain = describeDuration(cadence.duration);
  return cadence.text.toLowerCase() in CADENCE_WORDS ? `${cadence.text} (every ${plain})` : `every ${plain}`;
}
