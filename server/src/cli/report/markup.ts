// HTML built by a tagged template that escapes every interpolated value, so a policy title such as
// `<script>` or an owner `" onerror="…` can only ever become text. Markup is passed through only when
// it is itself the result of `html` (a Markup value); strings from the workspace never are.

/** Markup produced by `html` (or `raw` for constants of this module's callers): inserted as is. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an element body or a double- or single-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * `html\`<td title="${title}">${body}</td>\`` — strings, numbers and booleans are escaped; Markup is
 * kept; arrays are joined; undefined, null and false render nothing. Interpolate only into element
 * bodies and quoted attribute values, never into a tag or attribute name, a URL or a style.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Markup {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new Markup(out);
}

function render(value: unknown): string {
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

/** Trusted constant markup (the style sheet); never call it with workspace text. */
export function raw(text: string): Markup {
  return new Markup(text);
}

/** A long identifier that may wrap after its separators (`password-authentication`), still escaped. */
export function breakable(text: string): Markup {
  return new Markup(text.split(/(?<=[-_./])/).map(escapeHtml).join('<wbr>'));
}
