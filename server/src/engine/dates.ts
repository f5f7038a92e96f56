// Calendar dates as day numbers (days since 1970-01-01), so comparisons are plain integer math
// and nothing depends on the machine's time zone.

export type Day = number;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
// "Jun 1 2018", "June 1, 2018", "1 Jun 2018" (the comply tool's majorRevisions dates)
const MONTH_DAY_YEAR = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$/;
const DAY_MONTH_YEAR = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$/;

export function dayFromParts(year: number, month: number, day: number): Day | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return Math.round(ms / MS_PER_DAY);
}

/** A strict ISO date (`2026-01-15`, optionally with a time, whose date part is taken). */
export function parseIsoDate(text: string): Day | undefined {
  const m = ISO_DATE.exec(text.trim());
  return m ? dayFromParts(+m[1], +m[2], +m[3]) : undefined;
}

/** ISO dates plus the month-name forms older policy repositories use. */
export function parseLooseDate(text: string): Day | undefined {
  const trimmed = text.trim();
  const iso = parseIsoDate(trimmed);
  if (iso !== undefined) return iso;
  let m = MONTH_DAY_YEAR.exec(trimmed);
  if (m) return monthNamed(m[1], +m[2], +m[3]);
  m = DAY_MONTH_YEAR.exec(trimmed);
  if (m) return monthNamed(m[2], +m[1], +m[3]);
  return undefined;
}

function monthNamed(name: string, day: number, year: number): Day | undefined {
  // "Jun", "June", "Sept": a name counts when it starts a month's name ("Mayo" is not May).
  const lower = name.toLowerCase();
  const month = MONTHS.findIndex((m) => m.startsWith(lower));
  return month < 0 ? undefined : dayFromParts(year, month + 1, day);
}

export function formatDay(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Today's local calendar date. */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Adds calendar months, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: Day, months: number): Day {
  const d = new Date(day * MS_PER_DAY);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Math.round(Date.UTC(year, month, Math.min(d.getUTCDate(), lastDay)) / MS_PER_DAY);
}

export type TimeUnit = 'days' | 'weeks' | 'months' | 'years';

export interface Duration {
  amount: number;
  unit: TimeUnit;
}

export function addDuration(day: Day, duration: Duration, sign: 1 | -1 = 1): Day {
  const n = duration.amount * sign;
  switch (duration.unit) {
    case 'days':
      return day + n;
    case 'weeks':
      return day + 7 * n;
    case 'months':
      return addMonths(day, n);
    case 'years':
      return addMonths(day, 12 * n);
  }
}

const UNIT = /^(day|week|month|year)s?$/;

/** `12 months`, `1 year`, `90 days`. */
export function parseDuration(text: string): Duration | undefined {
  const m = /^\s*(\d{1,4})\s+([a-z]+)\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = UNIT.exec(m[2].toLowerCase());
  const amount = Number(m[1]);
  if (!unit || amount < 1) return undefined;
  return { amount, unit: `${unit[1]}s` as TimeUnit };
}

export function describeDuration(d: Duration): string {
  return `${d.amount} ${d.amount === 1 ? d.unit.slice(0, -1) : d.unit}`;
}
