import { describe, expect, it } from 'vitest';
import { serializeXml } from './xml.ts';

describe('serializeXml', () => {
  it('prints the declaration, then the tree indented two spaces a level, ending with a newline', () => {
    expect(
      serializeXml({
        name: 'a',
        attributes: { n: 1, on: true, gone: undefined },
        children: [{ name: 'b', text: 'hi' }, { name: 'c' }, { name: 'd', text: 'first', children: [{ name: 'e' }] }],
      }),
    ).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<a n="1" on="true">',
        '  <b>hi</b>',
        '  <c/>',
        '  <d>first',
        '    <e/>',
        '  </d>',
        '</a>',
        '',
      ].join('\n'),
    );
  });

  it('escapes text and attributes, keeps line breaks in attributes as character references', () => {
    const out = serializeXml({ name: 'x', attributes: { m: 'a "b" <c> & d\ne' }, text: '<tag> & "quotes"\nnext' });
    expect(out).toContain('<x m="a &quot;b&quot; &lt;c&gt; &amp; d&#10;e">&lt;tag&gt; &amp; "quotes"\nnext</x>');
  });

  it('drops the characters XML 1.0 forbids even escaped, keeping tab, newline and carriage return', () => {
    const out = serializeXml({
      name: 'x',
      attributes: { m: 'a\u0000b\u001bc' },
      text: 'a\u0001\u0008b\u000b\u000c\u000e\u001fc\ufffe\uffffd\te\rf\ng',
    });
    expect(out).toContain('<x m="abc">abcd\te\rf\ng</x>');
  });

  it('writes an element whose text is empty as empty', () => {
    expect(serializeXml({ name: 'x', text: '' })).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<x/>\n');
  });
});
