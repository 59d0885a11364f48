import { describe, expect } from 'vitest';
import { storageClient, test, uniqueName } from './test/fixtures.ts';

/** A real 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const HTML = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
const bytesOf = async (blob: Blob | null) => Buffer.from(await blob!.arrayBuffer());

describe('as supabase-js uses it', () => {
  test('a signed upload URL uploads without the service key, once per path unless upsert, and to that path only', async ({
    storage,
    bucket,
    server,
  }) => {
    const signed = await storage.from(bucket).createSignedUploadUrl('drop/photo.png');
    expect(signed.error).toBeNull();
    expect(signed.data).toMatchObject({ path: 'drop/photo.png', token: expect.any(String) });

    // A client holding only the URL's token: a key that grants nothing.
    const anonymous = storageClient(server.url, 'not-the-service-key');
    const uploaded = await anonymous
      .from(bucket)
      .uploadToSignedUrl('drop/photo.png', signed.data!.token, PNG, { contentType: 'image/png' });
    expect(uploaded.error).toBeNull();
    expect(uploaded.data).toMatchObject({ path: 'drop/photo.png', fullPath: `${bucket}/drop/photo.png` });
    expect(await bytesOf((await storage.from(bucket).download('drop/photo.png')).data)).toEqual(PNG);

    const again = await anonymous
      .from(bucket)
      .uploadToSignedUrl('drop/photo.png', signed.data!.token, PNG, { contentType: 'image/png' });
    expect(again.error, 'a second upload to the same path').not.toBeNull();
    const upsert = await anonymous
      .from(bucket)
      .uploadToSignedUrl('drop/photo.png', signed.data!.token, Buffer.from('v2'), {
        contentType: 'text/plain',
        upsert: true,
      });
    expect(upsert.error, 'with x-upsert').toBeNull();
    expect(await bytesOf((await storage.from(bucket).download('drop/photo.png')).data)).toEqual(Buffer.from('v2'));

    const elsewhere = await anonymous.from(bucket).uploadToSignedUrl('drop/other.png', signed.data!.token, PNG);
    expect(elsewhere.error, 'the token used for another path').not.toBeNull();
    const download = await storage.from(bucket).createSignedUrl('drop/photo.png', 60);
    const downloadToken = new URL(download.data!.signedUrl).searchParams.get('token')!;
    const withDownloadToken = await anonymous
      .from(bucket)
      .uploadToSignedUrl('drop/photo.png', downloadToken, PNG, { upsert: true });
    expect(withDownloadToken.error, 'a download token used to upload').not.toBeNull();
  });

  test('signing an upload URL is never taken for an upload into a bucket named "upload"', async ({
    storage,
    bucket,
  }) => {
    const created = await storage.createBucket('upload', { public: false });
    try {
      expect(created.error).toBeNull();
      const signed = await storage.from(bucket).createSignedUploadUrl('a.txt');
      expect(signed.error).toBeNull();
      const { data } = await storage.from('upload').list('sign');
      expect(data, 'objects the sign request created in bucket "upload"').toEqual([]);
    } finally {
      await storage.emptyBucket('upload');
      await storage.deleteBucket('upload');
    }
  });

  test('info() of an object uploaded without metadata has metadata {}', async ({ storage, bucket }) => {
    await storage.from(bucket).upload('plain.txt', Buffer.from('hi'), { contentType: 'text/plain' });
    const { data, error } = await storage.from(bucket).info('plain.txt');
    expect(error).toBeNull();
    expect(data!.metadata).toEqual({});
  });

  test('listV2 pages through keys with a cursor, and folds folders with the delimiter', async ({ storage, bucket }) => {
    for (const key of ['kit/a.png', 'kit/b.png', 'kit/logos/c.png', 'kit/logos/deep/d.png', 'kitchen.txt']) {
      expect((await storage.from(bucket).upload(key, Buffer.from(key))).error).toBeNull();
    }
    const first = await storage.from(bucket).listV2({ prefix: 'kit/', limit: 2 });
    expect(first.error).toBeNull();
    expect(first.data!.objects.map((o) => o.key)).toEqual(['kit/a.png', 'kit/b.png']);
    expect(first.data!.objects[0]).toMatchObject({
      name: 'a.png',
      id: expect.any(String),
      metadata: expect.objectContaining({ size: 9 }),
    });
    expect(first.data!.hasNext).toBe(true);
    const rest = await storage.from(bucket).listV2({ prefix: 'kit/', limit: 2, cursor: first.data!.nextCursor });
    expect(rest.data!.objects.map((o) => o.key)).toEqual(['kit/logos/c.png', 'kit/logos/deep/d.png']);
    expect(rest.data).toMatchObject({ hasNext: false, folders: [] });

    const folded = await storage.from(bucket).listV2({ prefix: 'kit', with_delimiter: true });
    expect(folded.data!.folders).toEqual([{ key: 'kit/', name: '/' }]);
    expect(folded.data!.objects.map((o) => o.key)).toEqual(['kitchen.txt']);
    const inside = await storage
      .from(bucket)
      .listV2({ prefix: 'kit/', with_delimiter: true, sortBy: { column: 'name', order: 'desc' } });
    expect(inside.data!.folders).toEqual([{ key: 'kit/logos/', name: 'logos/' }]);
    expect(inside.data!.objects.map((o) => o.name)).toEqual(['b.png', 'a.png']);

    expect(
      (await storage.from(bucket).listV2({ cursor: 'not-ours!' })).error,
      'a cursor this server never gave',
    ).not.toBeNull();
    expect((await storage.from('no-such-bucket').listV2()).error, 'an unknown bucket').not.toBeNull();
  });

  test('getBucket answers the shape Supabase does: with owner, without type', async ({ storage, bucket }) => {
    const { data } = await storage.getBucket(bucket);
    expect(Object.keys(data!).sort()).toEqual(
      ['allowed_mime_types', 'created_at', 'file_size_limit', 'id', 'name', 'owner', 'public', 'updated_at'].sort(),
    );
  });

  test('a public bucket serves its objects to anyone at the public URL; a private one does not', async ({
    storage,
    bucket,
  }) => {
    const shared = uniqueName('public');
    await storage.createBucket(shared, { public: true });
    try {
      await storage.from(shared).upload('logo.png', PNG, { contentType: 'image/png' });
      const open = await fetch(storage.from(shared).getPublicUrl('logo.png').data.publicUrl);
      expect(open.status).toBe(200);
      expect(open.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await open.arrayBuffer())).toEqual(PNG);

      await storage.from(bucket).upload('secret.png', PNG, { contentType: 'image/png' });
      const closed = await fetch(storage.from(bucket).getPublicUrl('secret.png').data.publicUrl);
      expect(closed.status, 'the public URL of an object in a private bucket').toBeGreaterThanOrEqual(400);
    } finally {
      await storage.emptyBucket(shared);
      await storage.deleteBucket(shared);
    }
  });
});

describe('content that is not what it claims', () => {
  test('an image-only bucket refuses an HTML body declared image/png, and takes a real PNG', async ({ storage }) => {
    const images = uniqueName('images');
    await storage.createBucket(images, { public: true, allowedMimeTypes: ['image/*'] });
    try {
      const lie = await storage.from(images).upload('page.png', HTML, { contentType: 'image/png' });
      expect(lie.error, 'HTML declared image/png').not.toBeNull();
      expect((lie.error as { statusCode?: string }).statusCode).toBe('415');
      const jpegClaim = await storage.from(images).upload('photo.jpg', PNG, { contentType: 'image/jpeg' });
      expect(jpegClaim.error, 'a PNG declared image/jpeg').not.toBeNull();
      expect((await storage.from(images).list()).data, 'what the refused uploads left').toEqual([]);
      expect((await storage.from(images).upload('logo.png', PNG, { contentType: 'image/png' })).error).toBeNull();
    } finally {
      await storage.emptyBucket(images);
      await storage.deleteBucket(images);
    }
  });

  test('downloads say nosniff and sandbox whatever would render as a page', async ({ storage }) => {
    const shared = uniqueName('public');
    await storage.createBucket(shared, { public: true });
    try {
      await storage.from(shared).upload('page.html', HTML, { contentType: 'text/html' });
      const response = await fetch(storage.from(shared).getPublicUrl('page.html').data.publicUrl);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toMatch(/(^|;\s*)sandbox(;|$)/);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    } finally {
      await storage.emptyBucket(shared);
      await storage.deleteBucket(shared);
    }
  });
});
