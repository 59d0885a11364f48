import { describe, expect, it } from 'vitest';
import { html, trusted } from './html-template.ts';

describe('html', () => {
  it('escapes every interpolated value, quotes and apostrophes included', () => {
    expect(html`<a title="${`"it's" <b> & c`}">${'<i>'}</a>`.markup).toBe(
      '<a title="&quot;it&#39;s&quot; &lt;b&gt; &amp; c">&lt;i&gt;</a>',
    );
  });

  it('renders null, undefined and false as nothing, but 0 and true as text', () => {
    expect(html`[${null}|${undefined}|${false}|${0}|${true}|${''}]`.markup).toBe('[|||0|true|]');
  });

  it('joins arrays item by item, nesting markup as it is and escaping the rest', () => {
    expect(html`<ul>${['<x>', html`<li>${'a&b'}</li>`, [1, false]]}</ul>`.markup).toBe(
      '<ul>&lt;x&gt;<li>a&amp;b</li>1</ul>',
    );
  });

  it('leaves trusted markup alone, and prints as its markup', () => {
    expect(html`<style>${trusted('a > b {}')}</style>`.markup).toBe('<style>a > b {}</style>');
    expect(String(html`<p>${'x'}</p>`)).toBe('<p>x</p>');
  });
});
