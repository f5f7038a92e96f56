// Control catalogs that policies can reference in their `controls` list, keyed by framework id.

import { editDistance } from '../spelling';
import { SOC2_2017, type Control } from './soc2-2017';

export type { Control } from './soc2-2017';
export { SOC2_2017 } from './soc2-2017';

export interface Catalog {
  name: string;
  /** Keyed by normalized id; iteration follows the framework's own order. */
  controls: ReadonlyMap<string, Control>;
}

export const DEFAULT_FRAMEWORK = 'soc2-2017';

/** Only the largest typo distance worth suggesting; beyond it suggestions are mostly noise. */
const MAX_SUGGESTION_DISTANCE = 2;

function buildCatalog(name: string, controls: readonly Control[]): Catalog {
  const map = new Map<string, Control>();
  for (const control of controls) {
    // A Map would silently keep the last duplicate; fail loudly at load time instead.
    if (map.has(control.id)) throw new Error(`duplicate control id ${control.id} in ${name}`);
    map.set(control.id, control);
  }
  return { name, controls: map };
}

export const FRAMEWORKS: ReadonlyMap<string, Catalog> = new Map([
  [DEFAULT_FRAMEWORK, buildCatalog('SOC 2 Trust Services Criteria (2017, revised points of focus 2022)', SOC2_2017)],
]);

export function normalizeControlId(raw: string): string {
  return raw.trim().toUpperCase();
}

export function lookupControl(catalog: Catalog, raw: string): Control | undefined {
  return catalog.controls.get(normalizeControlId(raw));
}

/**
 * The catalog id closest to `raw` by edit distance, or undefined if none is within
 * MAX_SUGGESTION_DISTANCE. An exact (case-insensitive) match returns itself.
 */
export function nearestControlId(catalog: Catalog, raw: string): string | undefined {
  const target = normalizeControlId(raw);
  let best: { id: string; distance: number; gap: number } | undefined;
  for (const id of catalog.controls.keys()) {
    const distance = editDistance(target, id);
    if (distance > MAX_SUGGESTION_DISTANCE) continue;
    // Every sibling of an out-of-range id (CC6.9) is one edit away; prefer the numerically
    // closest one (CC6.8) over the first in catalog order (CC6.1). Full ties keep catalog order.
    const gap = trailingNumberGap(target, id);
    if (!best || distance < best.distance || (distance === best.distance && gap < best.gap)) {
      best = { id, distance, gap };
    }
  }
  return best?.id;
}

function trailingNumberGap(a: string, b: string): number {
  const na = /(\d+)$/.exec(a);
  const nb = /(\d+)$/.exec(b);
  return na && nb ? Math.abs(Number(na[1]) - Number(nb[1])) : 0;
}
