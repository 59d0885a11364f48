import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { inspectLogo, LogoContentError } from './logo-content.ts';

const pixel = (format: 'png' | 'jpeg' | 'webp') =>
  sharp({ create: { width: 2, height: 2, channels: 3, background: '#336699' } })
    [format]()
    .toBuffer();
const svg = (body: string) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">${body}</svg>`);

describe('inspectLogo', () => {
  test.each(['png', 'jpeg', 'webp'] as const)('knows a %s by its content', async (format) => {
    expect((await inspectLogo(await pixel(format))).extension).toBe(format === 'jpeg' ? 'jpg' : format);
  });

  test('accepts a plain SVG', async () => {
    expect(await inspectLogo(svg('<rect width="10" height="10" fill="#f00"/>'))).toEqual({
      mimeType: 'image/svg+xml',
      extension: 'svg',
    });
  });

  test.each([
    ['a script element', '<script>alert(1)</script>'],
    ['a namespaced script', '<svg:script>alert(1)</svg:script>'],
    ['an event handler', '<rect width="1" height="1" onload="alert(1)"/>'],
    ['a javascript: link', '<a href="javascript:alert(1)"><rect width="1" height="1"/></a>'],
    ['embedded HTML', '<foreignObject><div>hi</div></foreignObject>'],
  ])('refuses an SVG with %s', async (_what, body) => {
    await expect(inspectLogo(svg(body))).rejects.toThrow(LogoContentError);
  });

  test('refuses text, a PNG signature followed by junk, and a GIF', async () => {
    await expect(inspectLogo(Buffer.from('just some text, named logo.png'))).rejects.toThrow(LogoContentError);
    const junk = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from('not really a png'),
    ]);
    await expect(inspectLogo(junk)).rejects.toThrow(LogoContentError);
    const gif = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    await expect(inspectLogo(gif)).rejects.toThrow(/cannot be a logo/);
  });
});
