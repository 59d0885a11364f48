import { randomBytes } from 'node:crypto';
import { describe, expect } from 'vitest';
import { buildApp } from './app.ts';
import { SEEDED_BUCKETS, test, uniqueName } from './test/fixtures.ts';

const bytesOf = async (blob: Blob | null) => Buffer.from(await blob!.arrayBuffer());

describe('buckets', () => {
  test('lists the buckets configured at start, with their visibility', async ({ storage }) => {
    const { data, error } = await storage.listBuckets();
    expect(error).toBeNull();
    for (const seeded of SEEDED_BUCKETS) {
      expect(data).toContainEqual(expect.objectContaining({ id: seeded.id, name: seeded.id, public: seeded.public }));
    }
  });

  test('a restart migrates nothing again and leaves existing buckets as they are', async ({ server }) => {
    const again = await buildApp({ ...server.config, buckets: [{ id: 'logos', public: false }] });
    try {
      await again.ready();
      expect(await again.metadata.getBucket('logos')).toMatchObject({ public: true });
    } finally {
      await again.close();
    }
  });

  test('creates, reads, updates and deletes a bucket', async ({ storage }) => {
    const name = uniqueName('crud');
    expect(
      await storage.createBucket(name, { public: false, fileSizeLimit: '2KB', allowedMimeTypes: ['text/*'] }),
    ).toEqual({ data: { name }, error: null });

    const created = await storage.getBucket(name);
    expect(created.data).toMatchObject({
      id: name,
      name,
      public: false,
      file_size_limit: 2000,
      allowed_mime_types: ['text/*'],
    });
    expect(Date.parse(created.data!.created_at)).not.toBeNaN();

    expect((await storage.updateBucket(name, { public: true, fileSizeLimit: null })).data).toEqual({
      message: 'Successfully updated',
    });
    expect((await storage.getBucket(name)).data).toMatchObject({ public: true, file_size_limit: null });

    expect((await storage.deleteBucket(name)).data).toEqual({ message: 'Successfully deleted' });
    expect((await storage.getBucket(name)).error).toMatchObject({ status: 404, message: 'Bucket not found' });
  });

  test('refuses a duplicate bucket with 409 and a bad name with 400', async ({ storage, bucket }) => {
    expect((await storage.createBucket(bucket)).error).toMatchObject({
      status: 409,
      message: 'The resource already exists',
    });
    expect((await storage.createBucket('no/slash')).error).toMatchObject({ status: 400 });
    expect((await storage.updateBucket(uniqueName('missing'), { public: true })).error).toMatchObject({ status: 404 });
  });

  test('keeps a non-empty bucket until it is emptied', async ({ storage, bucket, server }) => {
    await storage.from(bucket).upload('a.txt', Buffer.from('a'));
    const blobsBefore = await server.blobCount();
    expect((await storage.deleteBucket(bucket)).error).toMatchObject({ status: 409 });
    expect((await storage.emptyBucket(bucket)).data).toEqual({ message: 'Successfully emptied' });
    expect(await server.blobCount()).toBe(blobsBefore - 1);
    expect((await storage.from(bucket).list()).data).toEqual([]);
  });
});

describe('objects', () => {
  test('download gives back the uploaded bytes and content type, whatever the body type', async ({
    storage,
    bucket,
  }) => {
    const files = storage.from(bucket);
    const bytes = randomBytes(256 * 1024);
    const bodies = {
      'buffer.bin': { body: bytes, type: 'application/x-test' },
      'array-buffer.bin': { body: new Uint8Array(bytes).buffer, type: 'application/octet-stream' },
      'blob.png': { body: new Blob([bytes], { type: 'image/png' }), type: 'image/png' },
    };
    for (const [path, { body, type }] of Object.entries(bodies)) {
      const uploaded = await files.upload(path, body, { contentType: type });
      expect(uploaded).toEqual({ data: { id: expect.any(String), path, fullPath: `${bucket}/${path}` }, error: null });
      const { data, error } = await files.download(path);
      expect(error).toBeNull();
      expect((await bytesOf(data)).equals(bytes)).toBe(true);
      expect(data!.type).toBe(type);
    }
  });

  test('upload refuses an existing path unless upsert is set', async ({ storage, bucket, server }) => {
    const files = storage.from(bucket);
    await files.upload('doc.txt', Buffer.from('first'), { contentType: 'text/plain' });
    const blobs = await server.blobCount();

    expect((await files.upload('doc.txt', Buffer.from('second'))).error).toMatchObject({
      status: 409,
      statusCode: '409',
      message: 'The resource already exists',
    });
    expect((await files.upload('doc.txt', Buffer.from('third'), { upsert: true })).error).toBeNull();
    expect((await bytesOf((await files.download('doc.txt')).data)).toString()).toBe('third');
    // The replaced blob is deleted, the refused one never kept.
    expect(await server.blobCount()).toBe(blobs);
  });

  test('concurrent upserts to one path leave one object and one blob', async ({ storage, bucket, server }) => {
    const files = storage.from(bucket);
    const blobs = await server.blobCount();
    const contents = Array.from({ length: 8 }, (_, index) => `version ${index}`);
    const results = await Promise.all(
      contents.map((content) => files.upload('hot.txt', Buffer.from(content), { upsert: true })),
    );
    expect(results.map((result) => result.error)).toEqual(contents.map(() => null));
    expect(contents).toContain((await bytesOf((await files.download('hot.txt')).data)).toString());
    expect(await server.blobCount()).toBe(blobs + 1);
  });

  test('update replaces an existing object and 404s for a missing one', async ({ storage, bucket }) => {
    const files = storage.from(bucket);
    await files.upload('u.txt', Buffer.from('old'));
    expect((await files.update('u.txt', Buffer.from('new'), { contentType: 'text/markdown' })).error).toBeNull();
    const { data } = await files.download('u.txt');
    expect(data!.type).toBe('text/markdown');
    expect((await bytesOf(data)).toString()).toBe('new');
    expect((await files.update('missing.txt', Buffer.from('x'))).error).toMatchObject({ status: 404 });
  });

  test('list shows the files under a prefix and its sub-folders with a null id', async ({ storage, bucket }) => {
    const files = storage.from(bucket);
    for (const path of ['top.txt', 'docs/b.txt', 'docs/a.txt', 'docs/cv.pdf', 'docs/old/x.txt', 'docs/new/y.txt']) {
      await files.upload(path, Buffer.from(path), { contentType: 'text/plain' });
    }
    const names = async (...args: Parameters<typeof files.list>) => {
      const { data, error } = await files.list(...args);
      expect(error).toBeNull();
      return data!.map((entry) => entry.name);
    };

    const { data: root } = await files.list();
    expect(root).toEqual([
      expect.objectContaining({ name: 'docs', id: null, metadata: null }),
      expect.objectContaining({
        name: 'top.txt',
        id: expect.any(String),
        metadata: expect.objectContaining({ size: 7, mimetype: 'text/plain' }),
      }),
    ]);
    expect(await names('docs')).toEqual(['new', 'old', 'a.txt', 'b.txt', 'cv.pdf']);
    expect(await names('docs/')).toEqual(['new', 'old', 'a.txt', 'b.txt', 'cv.pdf']);
    expect(await names('docs', { limit: 2, offset: 1 })).toEqual(['old', 'a.txt']);
    expect(await names('docs', { sortBy: { column: 'name', order: 'desc' } })).toEqual([
      'old',
      'new',
      'cv.pdf',
      'b.txt',
      'a.txt',
    ]);
    expect(await names('docs', { search: 'c' })).toEqual(['cv.pdf']);
    expect(await names('nothing-here')).toEqual([]);
    expect((await files.list('docs', { limit: -1 })).error).toMatchObject({ status: 400 });
  });

  test('remove answers the removed objects, after which download fails', async ({ storage, bucket, server }) => {
    const files = storage.from(bucket);
    await files.upload('gone.txt', Buffer.from('bye'));
    const blobs = await server.blobCount();

    const { data, error } = await files.remove(['gone.txt', 'never-was.txt']);
    expect(error).toBeNull();
    expect(data).toEqual([expect.objectContaining({ name: 'gone.txt', bucket_id: bucket, id: expect.any(String) })]);
    expect((await files.download('gone.txt')).error).toMatchObject({ status: 404 });
    expect(await server.blobCount()).toBe(blobs - 1);
  });

  test('info and exists describe an object', async ({ storage, bucket }) => {
    const files = storage.from(bucket);
    await files.upload('i.json', Buffer.from('{}'), { contentType: 'application/json', metadata: { owner: 'qa' } });
    expect((await files.info('i.json')).data).toMatchObject({
      name: 'i.json',
      bucketId: bucket,
      size: 2,
      contentType: 'application/json',
      metadata: { owner: 'qa' },
    });
    expect(await files.exists('i.json')).toEqual({ data: true, error: null });
    expect((await files.exists('nope.json')).data).toBe(false);
  });

  test('move renames an object and copy duplicates it', async ({ storage, bucket }) => {
    const files = storage.from(bucket);
    await files.upload('from.txt', Buffer.from('payload'));
    expect((await files.move('from.txt', 'moved/to.txt')).error).toBeNull();
    expect((await files.download('from.txt')).error).toMatchObject({ status: 404 });
    expect((await files.copy('moved/to.txt', 'copy.txt')).data).toEqual({ path: `${bucket}/copy.txt` });
    expect((await bytesOf((await files.download('copy.txt')).data)).toString()).toBe('payload');
    expect((await files.copy('moved/to.txt', 'copy.txt')).error).toMatchObject({ status: 409 });
  });

  test('a signed URL reads the object without a key until the token is tampered with', async ({ storage, bucket }) => {
    const files = storage.from(bucket);
    await files.upload('s.txt', Buffer.from('signed'));
    const { data, error } = await files.createSignedUrl('s.txt', 60);
    expect(error).toBeNull();
    const response = await fetch(data!.signedUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('signed');
    expect((await fetch(`${data!.signedUrl.slice(0, -2)}xx`)).status).toBe(400);
    expect((await files.createSignedUrl('absent.txt', 60)).error).toMatchObject({ status: 404 });
  });

  test('enforces the bucket size limit (413) and allowed mime types (415)', async ({ storage, bucket }) => {
    await storage.updateBucket(bucket, { public: false, fileSizeLimit: 1000, allowedMimeTypes: ['image/*'] });
    const files = storage.from(bucket);
    expect((await files.upload('big.png', Buffer.alloc(1001), { contentType: 'image/png' })).error).toMatchObject({
      status: 413,
      message: 'The object exceeded the maximum allowed size',
    });
    expect((await files.upload('a.txt', Buffer.alloc(10), { contentType: 'text/plain' })).error).toMatchObject({
      status: 415,
    });
    // An image-only bucket also checks the bytes: these start as a PNG does.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(992)]);
    expect((await files.upload('ok.png', png, { contentType: 'image/png' })).error).toBeNull();
  });

  test('metadata rows stay in step with the blobs on disk', async ({ db, server }) => {
    const { rows } = await db.query<{ count: number }>('SELECT count(*)::int AS count FROM storage.objects');
    expect(await server.blobCount()).toBe(rows[0]!.count);
  });
});
