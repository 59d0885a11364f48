import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { ASSET_TYPES, TEMPLATES } from '@streamkit/generation';
import { DEFAULT_STYLE, styleFromKit, contrastingText } from './brand.ts';
import { render } from './render.ts';

const FIELDS = {
  title: 'Friday <speedruns> & "more"',
  subtitle: 'Live at 8',
  text: 'GG',
  shape: 'square',
  days: 'Mon 8pm A\nWed 9pm B',
};

describe('render', () => {
  const cases = TEMPLATES.flatMap((template) =>
    template.assetTypes.flatMap((id) =>
      ASSET_TYPES.find((type) => type.id === id)!.sizes.map((size) => ({
        template: template.id,
        layout: template.layout,
        ...size,
      })),
    ),
  );

  test.for(cases)('$template at $name is a PNG of exactly that size', async ({ layout, width, height }) => {
    const png = await render({ layout, fields: FIELDS, width, height, style: DEFAULT_STYLE });
    const meta = await sharp(png).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: 'png', width, height });
  });

  test("the background is the kit's primary colour, and the logo sits in the top-right corner", async () => {
    const logo = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#00ff00' } })
      .png()
      .toBuffer();
    const style = {
      ...styleFromKit({ colors: { palette: [{ hex: '#12ab34', role: 'primary' }] }, typography: null }),
      logo,
    };
    const png = await render({ layout: 'headline', fields: { title: 'Hi' }, width: 1280, height: 720, style });
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
    ];
    expect(pixel(2, 2)).toEqual([0x12, 0xab, 0x34]);
    const box = Math.round(720 * 0.18);
    expect(pixel(1280 - Math.round(box * 0.25) - 10, Math.round(box * 0.25) + 10)).toEqual([0, 255, 0]);
  });
});

describe('styleFromKit', () => {
  test('takes colours by role and fonts from typography, defaults for the rest', () => {
    const style = styleFromKit({
      colors: {
        palette: [
          { hex: '#ffffff', role: 'primary' },
          { hex: 'not-a-colour', role: 'accent' },
        ],
      },
      typography: { heading: { family: 'Liberation Serif', weight: 800 }, body: { family: '<script>' } },
    });
    expect(style).toMatchObject({
      primary: '#ffffff',
      accent: DEFAULT_STYLE.accent,
      text: '#111111',
      headingFont: 'Liberation Serif',
      headingWeight: 800,
      bodyFont: DEFAULT_STYLE.bodyFont,
    });
  });

  test('text contrasts with the background', () => {
    expect(contrastingText('#000000')).toBe('#ffffff');
    expect(contrastingText('#fafafa')).toBe('#111111');
  });
});
