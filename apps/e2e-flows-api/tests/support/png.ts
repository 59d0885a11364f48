import sharp from 'sharp';

/** What the image really is, decoded (not what any header or row says). */
export async function imageInfo(
  bytes: Buffer,
): Promise<{ format: string | undefined; width: number | undefined; height: number | undefined }> {
  const { format, width, height } = await sharp(bytes).metadata();
  return { format, width, height };
}

/** The colour at (x, y) as `#rrggbb`. */
export async function pixelAt(bytes: Buffer, x: number, y: number): Promise<string> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return `#${[...data.subarray(offset, offset + 3)].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** How many pixels of `region` have exactly `colour` (`#rrggbb`). */
export async function countColour(
  bytes: Buffer,
  region: { left: number; top: number; width: number; height: number },
  colour: string,
): Promise<number> {
  const { data, info } = await sharp(bytes).extract(region).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
  let count = 0;
  for (let i = 0; i < data.length; i += info.channels)
    if (data[i] === r && data[i + 1] === g && data[i + 2] === b) count++;
  return count;
}
