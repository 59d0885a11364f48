import type { StorageClient } from '@streamkit/e2e-fixtures/storage';

export interface ObjectRef {
  bucket: string;
  path: string;
}

const PAGE = 1000; // the most one list or remove call takes

/** Fails with the operation and the storage service's own message. */
function check<T>(what: string, result: { data: T | null; error: Error | null }): T {
  if (result.error) throw new Error(`storage: ${what} failed: ${result.error.message}`);
  return result.data as T;
}

export async function bucketNames(storage: StorageClient): Promise<string[]> {
  return check('listing buckets', await storage.listBuckets()).map((bucket) => bucket.name);
}

/** One folder level: the names of its files and of its sub-folders, every page of them. */
async function listLevel(storage: StorageClient, bucket: string, folder: string) {
  const files: string[] = [];
  const folders: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const entries = check(
      `listing ${bucket}/${folder}`,
      await storage.from(bucket).list(folder, { limit: PAGE, offset, sortBy: { column: 'name', order: 'asc' } }),
    );
    for (const entry of entries) (entry.id === null ? folders : files).push(entry.name);
    if (entries.length < PAGE) return { files, folders };
  }
}

const join = (folder: string, name: string) => (folder ? `${folder}/${name}` : name);

/** Every object below `folder` (recursively). */
async function objectsUnder(storage: StorageClient, bucket: string, folder: string): Promise<ObjectRef[]> {
  const { files, folders } = await listLevel(storage, bucket, folder);
  const nested = await Promise.all(folders.map((name) => objectsUnder(storage, bucket, join(folder, name))));
  return [...files.map((name) => ({ bucket, path: join(folder, name) })), ...nested.flat()];
}

/** Every object of every bucket whose path starts with a top-level file or folder name `matches` accepts. */
export async function findObjects(storage: StorageClient, matches: (name: string) => boolean): Promise<ObjectRef[]> {
  const found: ObjectRef[] = [];
  for (const bucket of await bucketNames(storage)) {
    const { files, folders } = await listLevel(storage, bucket, '');
    found.push(...files.filter(matches).map((path) => ({ bucket, path })));
    for (const folder of folders.filter(matches)) found.push(...(await objectsUnder(storage, bucket, folder)));
  }
  return found;
}

/** Removes the objects, a page per call; names that no longer exist are skipped. Returns how many went. */
export async function removeObjects(storage: StorageClient, objects: ObjectRef[]): Promise<number> {
  let removed = 0;
  const byBucket = new Map<string, ObjectRef[]>();
  for (const object of objects) byBucket.set(object.bucket, [...(byBucket.get(object.bucket) ?? []), object]);
  for (const [bucket, refs] of byBucket) {
    for (let start = 0; start < refs.length; start += PAGE) {
      const paths = refs.slice(start, start + PAGE).map((ref) => ref.path);
      removed += check(
        `removing ${paths.length} objects from ${bucket}`,
        await storage.from(bucket).remove(paths),
      ).length;
    }
  }
  return removed;
}
