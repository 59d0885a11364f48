/**
 * An XML element as data (after Playwright's `reporters/junit.ts`): renderers build a tree of
 * these, and {@link serializeXml} is the one place that escapes and prints it.
 */
export interface XmlElement {
  name: string;
  /** Undefined values are left out. */
  attributes?: Record<string, string | number | boolean | undefined>;
  children?: XmlElement[];
  /** Character data; with children, it comes before them. */
  text?: string;
}

/** The document: the declaration, then `root` indented by two spaces a level. */
export function serializeXml(root: XmlElement): string {
  return ['<?xml version="1.0" encoding="UTF-8"?>', ...lines(root, 0), ''].join('\n');
}

function lines(element: XmlElement, depth: number): string[] {
  const pad = '  '.repeat(depth);
  const attributes = Object.entries(element.attributes ?? {})
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join('');
  const open = `${pad}<${element.name}${attributes}`;
  const children = element.children ?? [];
  const text = element.text ? escapeText(element.text) : '';
  if (children.length === 0) return [text ? `${open}>${text}</${element.name}>` : `${open}/>`];
  return [`${open}>${text}`, ...children.flatMap((child) => lines(child, depth + 1)), `${pad}</${element.name}>`];
}

/** XML 1.0 allows no control characters but tab, newline and carriage return, even escaped. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}

function escapeText(text: string): string {
  return clean(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;');
}
