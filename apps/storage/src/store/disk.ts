import { createHash, randomUUID } from 'node:crypto';
import { copyFile, mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { join, sep } from 'node:path';
import fp from 'fastify-plugin';
import { errors } from '../errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface WrittenBlob {
  version: string;
  size: number;
  /** Quoted MD5 hex, like an S3 ETag. */
  eTag: string;
}

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Blobs on disk, one file per object version: `<root>/objects/<2 hex>/<version uuid>`.
 * File names come only from server-made UUIDs, never from object or bucket names, so no
 * request can address a path outside the data directory.
 */
export class DiskStore {
  private readonly objectsDir: string;
  private readonly tmpDir: string;

  /** `onOrphan` hears about blobs that could not be deleted; they waste space but break nothing. */
  constructor(
    root: string,
    private readonly onOrphan: (version: string, error: unknown) => void = () => undefined,
  ) {
    this.objectsDir = join(root, 'objects');
    this.tmpDir = join(root, 'tmp');
  }

  async init(): Promise<void> {
    await mkdir(this.objectsDir, { recursive: true });
    await mkdir(this.tmpDir, { recursive: true });
  }

  /**
   * Streams `source` into a new blob. Over `maxBytes` it keeps draining (up to twice the limit) so
   * the client still gets a 413 answer rather than a reset connection, then throws.
   */
  async write(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<WrittenBlob> {
    const version = randomUUID();
    const tmpPath = join(this.tmpDir, version);
    const hash = createHash('md5');
    let size = 0;
    const file = await open(tmpPath, 'wx');
    try {
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          if (size > 2 * maxBytes + 1024 * 1024) break;
          continue;
        }
        hash.update(chunk);
        await file.write(chunk);
      }
      await file.close();
      if (size > maxBytes) throw errors.entityTooLarge();
      await this.moveIntoPlace(tmpPath, version);
    } catch (error) {
      await file.close().catch(() => undefined);
      await unlink(tmpPath).catch(() => undefined);
      throw error;
    }
    return { version, size, eTag: `"${hash.digest('hex')}"` };
  }

  /** Copies a blob to a new version; null when the source is gone. */
  async copy(version: string): Promise<string | null> {
    const copy = randomUUID();
    const tmpPath = join(this.tmpDir, copy);
    try {
      await copyFile(this.blobPath(version), tmpPath);
      await this.moveIntoPlace(tmpPath, copy);
      return copy;
    } catch (error) {
      await unlink(tmpPath).catch(() => undefined);
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** Opens a blob for reading; null when it is gone (replaced or deleted since it was looked up). */
  async open(version: string): Promise<FileHandle | null> {
    try {
      return await open(this.blobPath(version), 'r');
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /**
   * Deletes blobs whose rows are gone. Never throws: it runs after the database change committed,
   * so a failure here must not turn a done request into an error.
   */
  async remove(versions: readonly string[]): Promise<void> {
    await Promise.all(
      versions.map(async (version) => {
        try {
          await unlink(this.blobPath(version));
        } catch (error) {
          if (!isMissing(error)) this.onOrphan(version, error);
        }
      }),
    );
  }

  private async moveIntoPlace(tmpPath: string, version: string) {
    const target = this.blobPath(version);
    await mkdir(join(this.objectsDir, version.slice(0, 2)), { recursive: true });
    await rename(tmpPath, target);
  }

  private blobPath(version: string): string {
    if (!UUID.test(version)) throw new Error(`not a blob version: ${JSON.stringify(version)}`);
    const path = join(this.objectsDir, version.slice(0, 2), version);
    if (!path.startsWith(this.objectsDir + sep)) throw new Error(`blob path escapes the data dir: ${path}`);
    return path;
  }
}

export default fp(
  async (app) => {
    const disk = new DiskStore(app.storageConfig.dataDir, (version, error) =>
      app.log.warn({ err: error, version }, 'could not delete a blob; it stays on disk as an orphan'),
    );
    await disk.init();
    app.decorate('disk', disk);
  },
  { name: 'disk', decorators: { fastify: ['storageConfig'] } },
);

declare module 'fastify' {
  interface FastifyInstance {
    disk: DiskStore;
  }
}
