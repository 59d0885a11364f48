import {
  bearer,
  BRAND_KITS_PATH,
  createApiClient,
  logoForm,
  solidPng,
  type StorageClient,
} from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';
import type pg from 'pg';

const LOGO_LIMIT_BYTES = 2 * 1024 * 1024; // from the specification of POST /brand-kits/{id}/logos

const logosUrl = (kitId: string, rest = '') => `${BRAND_KITS_PATH}/${kitId}/logos${rest}`;

/** Where the API stored the kit's logo of `type` (the API never shows storage paths). */
async function storedPath(db: pg.Pool, kitId: string, type: string): Promise<string | undefined> {
  const { rows } = await db.query<{ storage_path: string }>(
    'select storage_path from logos where brand_kit_id = $1 and type = $2',
    [kitId, type],
  );
  return rows[0]?.storage_path;
}

/** The object's bytes, or undefined when storage has no such object. */
async function storedBytes(storage: StorageClient, path: string): Promise<Buffer | undefined> {
  const { data, error } = await storage.from('logos').download(path);
  return error ? undefined : Buffer.from(await data.arrayBuffer());
}

/** Every object stored for the kit (the API keeps a kit's logos under `<owner>/<kit>/`). */
async function objectsOfKit(storage: StorageClient, ownerId: string, kitId: string): Promise<string[]> {
  const { data, error } = await storage.from('logos').list(`${ownerId}/${kitId}`);
  if (error) throw new Error(`listing logos/${ownerId}/${kitId}: ${error.message}`);
  return data.map((entry) => entry.name);
}

describe.concurrent('brand kit flow: logos', () => {
  test('upload → list → download equals the bytes sent → replace → delete → the object is gone', async ({
    api,
    user,
    brandKits,
    db,
    storage,
    target,
  }) => {
    const kit = await brandKits.create(user);
    const first = solidPng(16, 16, [100, 65, 165]);

    const uploaded = await api.post(logosUrl(kit.id), logoForm('primary', first), bearer(user));
    expect(uploaded).toHaveStatus(201);
    expect(uploaded.data).toMatchObject({
      type: 'primary',
      mime_type: 'image/png',
      size_bytes: first.length,
      url: expect.stringMatching(/^\/api\/v1\//),
    });

    const list = await api.get(logosUrl(kit.id), bearer(user));
    expect(list).toHaveStatus(200);
    expect(list.data.logos).toEqual([uploaded.data]);

    // The link needs no token (an <img> sends none) and works on the web app's origin too.
    const { url } = uploaded.data;
    const download = await api.get(url, { responseType: 'arraybuffer' });
    expect(download).toHaveStatus(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(Buffer.from(download.data).equals(first), 'downloaded bytes equal the upload').toBe(true);
    const throughWeb = await createApiClient(target.webUrl).get(url, { responseType: 'arraybuffer' });
    expect(throughWeb, 'the link on the web origin').toHaveStatus(200);
    expect(Buffer.from(throughWeb.data).equals(first)).toBe(true);

    const firstPath = (await storedPath(db, kit.id, 'primary'))!;
    expect((await storedBytes(storage, firstPath))?.equals(first), 'the stored object holds the upload').toBe(true);

    const second = solidPng(16, 16, [255, 0, 170]);
    const replaced = await api.post(logosUrl(kit.id), logoForm('primary', second), bearer(user));
    expect(replaced, 'replacing answers 200').toHaveStatus(200);
    const secondPath = (await storedPath(db, kit.id, 'primary'))!;
    expect(secondPath).not.toBe(firstPath);
    expect(await storedBytes(storage, firstPath), 'the replaced object').toBeUndefined();
    expect(await objectsOfKit(storage, user.id, kit.id), 'no orphan after replacing').toEqual([
      secondPath.split('/').pop(),
    ]);
    expect(await api.get(url), "the replaced logo's old link").toHaveStatus(404);
    const newDownload = await api.get(replaced.data.url, { responseType: 'arraybuffer' });
    expect(Buffer.from(newDownload.data).equals(second)).toBe(true);

    expect(await api.delete(logosUrl(kit.id, '/primary'), bearer(user))).toHaveStatus(204);
    expect((await api.get(logosUrl(kit.id), bearer(user))).data.logos).toEqual([]);
    expect(await storedBytes(storage, secondPath), 'the deleted logo in storage').toBeUndefined();
    expect(await objectsOfKit(storage, user.id, kit.id)).toEqual([]);
    expect(await api.get(replaced.data.url), "the deleted logo's link").toHaveStatus(404);
  });

  test('a logo link works only as signed: another signature, expiry or path is a 404', async ({
    api,
    user,
    brandKits,
  }) => {
    const kit = await brandKits.create(user);
    const uploaded = await api.post(logosUrl(kit.id), logoForm('primary', solidPng(8, 8, [1, 2, 3])), bearer(user));
    expect(uploaded).toHaveStatus(201);
    const genuine = new URL(uploaded.data.url, 'http://link');
    expect(await api.get(uploaded.data.url), 'the link as handed out').toHaveStatus(200);

    const signature = genuine.searchParams.get('signature')!;
    const tampered = (change: (link: URL) => void) => {
      const link = new URL(genuine);
      change(link);
      return `${link.pathname}${link.search}`;
    };
    const forged = {
      'another signature': tampered((link) =>
        link.searchParams.set('signature', `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`),
      ),
      'a later expiry': tampered((link) =>
        link.searchParams.set('expires', String(Number(genuine.searchParams.get('expires')) + 3600)),
      ),
      'another file of the kit': tampered((link) => {
        link.pathname = link.pathname.replace(/[^/]+$/, 'secondary-x.png');
      }),
    };
    for (const [what, url] of Object.entries(forged)) {
      const response = await api.get(url);
      expect(response, what).toHaveStatus(404);
      expect(response.data.error.code).toBe('not_found');
    }
  });

  test('the type comes from the content: a non-image named logo.png, an SVG with script and a GIF are refused, leaving nothing stored', async ({
    api,
    user,
    brandKits,
    storage,
  }) => {
    const kit = await brandKits.create(user);
    const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
    const refusals = [
      ['text renamed to .png', Buffer.from('this is not an image, whatever its name says')],
      [
        'an SVG with a script',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><script>alert(1)</script></svg>'),
      ],
      [
        'an SVG with an event handler',
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8" onload="alert(1)"/>'),
      ],
      ['a GIF', gif],
    ] as const;
    for (const [what, bytes] of refusals) {
      const response = await api.post(logosUrl(kit.id), logoForm('icon', bytes), bearer(user));
      expect(response, what).toHaveStatus(422);
      expect(response.data.error.code, what).toBe('invalid_logo');
      expect(response.data.error.fields, what).toEqual([expect.objectContaining({ field: 'body.file' })]);
    }
    expect((await api.get(logosUrl(kit.id), bearer(user))).data.logos).toEqual([]);
    expect(await objectsOfKit(storage, user.id, kit.id)).toEqual([]);
  });

  test('SVG, JPEG-named PNG and every type are accepted; the declared type is ignored', async ({
    api,
    user,
    brandKits,
  }) => {
    const kit = await brandKits.create(user);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#0af"/></svg>',
    );
    const asSvg = await api.post(
      logosUrl(kit.id),
      logoForm('monochrome', svg, { filename: 'logo.png', contentType: 'image/png' }),
      bearer(user),
    );
    expect(asSvg).toHaveStatus(201);
    expect(asSvg.data.mime_type).toBe('image/svg+xml');
    const served = await api.get(asSvg.data.url);
    expect(served.headers['content-security-policy'], 'an SVG served on the web origin may run nothing').toContain(
      "default-src 'none'",
    );

    const png = await api.post(
      logosUrl(kit.id),
      logoForm('watermark', solidPng(4, 4, [0, 0, 0]), { filename: 'logo.jpg', contentType: 'image/jpeg' }),
      bearer(user),
    );
    expect(png).toHaveStatus(201);
    expect(png.data.mime_type).toBe('image/png');
    const types = (await api.get(logosUrl(kit.id), bearer(user))).data.logos.map((logo: { type: string }) => logo.type);
    expect(types).toEqual(['monochrome', 'watermark']);
  });

  test('a file over the size limit is refused with 413', async ({ api, user, brandKits, storage }) => {
    const kit = await brandKits.create(user);
    const tooBig = Buffer.concat([solidPng(8, 8, [1, 2, 3]), Buffer.alloc(LOGO_LIMIT_BYTES)]);
    const response = await api.post(logosUrl(kit.id), logoForm('primary', tooBig), bearer(user));
    expect(response).toHaveStatus(413);
    expect(response.data.error).toMatchObject({ code: expect.any(String), request_id: expect.any(String) });
    expect(await objectsOfKit(storage, user.id, kit.id)).toEqual([]);
  });

  test('deleting a kit removes its logos and their objects', async ({ api, user, brandKits, db, storage }) => {
    const kit = await brandKits.create(user);
    for (const type of ['primary', 'icon']) {
      expect(await api.post(logosUrl(kit.id), logoForm(type, solidPng(8, 8, [9, 9, 9])), bearer(user))).toHaveStatus(
        201,
      );
    }
    expect(await objectsOfKit(storage, user.id, kit.id)).toHaveLength(2);

    expect(await api.delete(`${BRAND_KITS_PATH}/${kit.id}`, bearer(user))).toHaveStatus(204);
    expect(await objectsOfKit(storage, user.id, kit.id), "the kit's objects").toEqual([]);
    const { rows } = await db.query('select 1 from logos where brand_kit_id = $1', [kit.id]);
    expect(rows, "the kit's logo rows").toEqual([]);
  });
});
