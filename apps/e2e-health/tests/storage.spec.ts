import { randomBytes } from 'node:crypto';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';
import { BUCKETS, expectReachable, uniqueName } from '@streamkit/e2e-fixtures';

describe('storage health', () => {
  // First, and without fixtures: when storage is down this is the failure that says what to do.
  test('is reachable', async ({ target }) => {
    await expectReachable('storage', target);
  });

  test('connects with the service key', async ({ storage }) => {
    const { data, error } = await storage.listBuckets();
    expect(error).toBeNull();
    expect(Array.isArray(data)).toBe(true);
  });

  test('has the four buckets', async ({ storage }) => {
    const { data, error } = await storage.listBuckets();
    expect(error).toBeNull();
    expect(data?.map((bucket) => bucket.name)).toEqual(expect.arrayContaining([...BUCKETS]));
  });

  test('lists a bucket', async ({ storage, onTestFinished }) => {
    const folder = uniqueName('health');
    const bucket = storage.from('uploads');
    onTestFinished(async () => void (await bucket.remove([`${folder}/listed.txt`])));
    expect((await bucket.upload(`${folder}/listed.txt`, 'listed', { contentType: 'text/plain' })).error).toBeNull();

    const { data, error } = await bucket.list(folder);
    expect(error).toBeNull();
    expect(data?.map((object) => object.name)).toEqual(['listed.txt']);
  });

  test('uploads, downloads byte for byte, and removes', async ({ storage, onTestFinished }) => {
    const path = `${uniqueName('health')}/blob.bin`;
    const bucket = storage.from('uploads');
    onTestFinished(async () => void (await bucket.remove([path])));
    const bytes = randomBytes(64 * 1024);

    expect((await bucket.upload(path, bytes, { contentType: 'application/octet-stream' })).error).toBeNull();
    const downloaded = await bucket.download(path);
    expect(downloaded.error).toBeNull();
    expect(Buffer.from(await downloaded.data!.arrayBuffer()).equals(bytes)).toBe(true);

    const removed = await bucket.remove([path]);
    expect(removed.error).toBeNull();
    expect(removed.data?.map((object) => object.name)).toEqual([path]);
    expect((await bucket.download(path)).error).not.toBeNull();
  });
});
