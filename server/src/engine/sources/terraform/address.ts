// Selectors for Terraform and HCL sources: a dotted address (`aws_s3_bucket.logs.versioning.enabled`)
// with `*` for any name, `[0]` for a list item and `["key"]` for keys that are not identifiers.

export type Step = { key: string; offset: number } | { index: number; offset: number } | { any: true; offset: number };

export type ParsedSelector = { ok: true; steps: Step[] } | { ok: false; message: string; offset?: number };

const NAME = /[A-Za-z0-9_-]/;

export function parseSelector(at: string): ParsedSelector {
  const fail = (why: string, offset?: number): ParsedSelector => ({ ok: false, message: `invalid selector "${at}": ${why}`, offset });
  if (at.trim() === '') return { ok: false, message: 'the selector is empty' };
  if (at.startsWith('$')) {
    return { ok: false, message: `"${at}" is a JSONPath query; Terraform and HCL files take an address such as TYPE.NAME.attr`, offset: 0 };
  }
  const steps: Step[] = [];
  let i = 0;
  const name = (): boolean => {
    const start = i;
    if (at[i] === '*') {
      steps.push({ any: true, offset: start });
      i++;
      return true;
    }
    while (i < at.length && NAME.test(at[i])) i++;
    if (i === start) return false;
    steps.push({ key: at.slice(start, i), offset: start });
    return true;
  };
  if (!name()) return at[0] === '.' || at[0] === '[' ? fail('it starts without a name', 0) : fail(`unexpected ${JSON.stringify(at[0])}`, 0);
  while (i < at.length) {
    const c = at[i];
    if (c === '.') {
      i++;
      if (i >= at.length) return fail('it ends with "."', i - 1);
      if (at[i] === '.') return fail('empty name between dots', i);
      if (!name()) return fail(`unexpected ${JSON.stringify(at[i])} after "."`, i);
    } else if (c === '[') {
      const start = i;
      const close = at.indexOf(']', i);
      if (close < 0) return fail('unclosed "["', start);
      const inner = at.slice(i + 1, close).trim();
      if (/^\d+$/.test(inner)) steps.push({ index: Number(inner), offset: start });
      else if (inner === '*') steps.push({ any: true, offset: start });
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) {
        let key: string;
        try {
          key = JSON.parse(inner) as string;
        } catch {
          return fail('the quoted key is not a valid string', start + 1);
        }
        steps.push({ key, offset: start });
      } else return fail(inner === '' ? 'empty "[]"' : 'expected a number, "*" or a quoted key in brackets', start + 1);
      i = close + 1;
    } else {
      return fail(`unexpected ${JSON.stringify(c)}`, i);
    }
  }
  return { ok: true, steps };
}

/** Block types with a fixed number of labels at the top of a Terraform file. */
const TERRAFORM_BLOCKS: Record<string, number> = {
  data: 2,
  module: 1,
  variable: 1,
  output: 1,
  provider: 1,
  locals: 0,
  terraform: 0,
};

export interface TerraformTarget {
  type: string;
  labels: Step[];
  /** Steps inside the block(s). */
  rest: Step[];
}

export const TERRAFORM_FORMS = 'TYPE.NAME.attr, data.TYPE.NAME.attr, module.NAME.input, variable.NAME.default, locals.NAME, output.NAME.value or provider.NAME.attr';

/** A `.tf` selector: which top-level blocks, and the path inside them. */
export function terraformTarget(at: string, steps: Step[]): { ok: true; target: TerraformTarget } | { ok: false; message: string; offset?: number } {
  const first = steps[0];
  if (!('key' in first)) return { ok: false, message: `invalid selector "${at}": a Terraform address starts with a block type (${TERRAFORM_FORMS})`, offset: 0 };
  const known = TERRAFORM_BLOCKS[first.key];
  const [type, labelCount, from] = known === undefined ? ['resource', 2, 0] : [first.key, known, 1];
  const labels = steps.slice(from, from + labelCount);
  const rest = steps.slice(from + labelCount);
  for (const label of labels) {
    if ('index' in label) return { ok: false, message: `invalid selector "${at}": a block name cannot be a list index`, offset: label.offset };
  }
  // A block alone is a valid selection (`exists`, `count`), except `locals`/`terraform`, which are containers.
  if (labels.length < labelCount || (labelCount === 0 && rest.length === 0)) {
    return { ok: false, message: `"${at}" is not a complete Terraform address: expected ${TERRAFORM_FORMS}`, offset: 0 };
  }
  return { ok: true, target: { type, labels, rest } };
}

export function stepMatches(step: Step, key: string): boolean {
  return 'any' in step || ('key' in step && step.key === key);
}
