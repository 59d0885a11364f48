/**
 * Markup that is already safe: the result of {@link html}, or text explicitly marked with
 * {@link trusted}. Anything else interpolated into {@link html} is escaped.
 */
export class SafeHtml {
  readonly markup: string;

  constructor(markup: string) {
    this.markup = markup;
  }

  toString(): string {
    return this.markup;
  }
}

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

/**
 * The one way the HTML report is built: a tagged template that escapes every interpolated value
 * (text and attribute alike) unless it is {@link SafeHtml}. Arrays are concatenated, each item by
 * the same rule; `null`, `undefined` and `false` render as nothing, so `${cond && html`…`}` works.
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Marks markup written in this codebase (the inline style sheet) as safe. Never for data. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

function render(value: Value): string {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
