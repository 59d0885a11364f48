import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, onTestFinished } from 'vitest';
import { SERVICE_KEY, storageClient, test } from './test/fixtures.ts';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

/** A request sent byte for byte: fetch would resolve `..` segments before they reach the server. */
function rawRequest(url: string, method: string, path: string, body?: string) {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers: { apikey: SERVICE_KEY } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.once('error', reject).end(body);
  });
}

describe('authentication', () => {
  test('a wrong or missing key is answered 401 with a JSON error', async ({ server }) => {
    const wrong = storageClient(server.url, 'not-the-service-key');
    expect((await wrong.listBuckets()).error).toMatchObject({ status: 401, message: 'Invalid API key' });
    expect((await wrong.from('assets').upload('x.txt', Buffer.from('x'))).error).toMatchObject({ status: 401 });
    expect((await wrong.from('assets').download('x.txt')).error).toMatchObject({ status: 401 });

    const anonymous = await fetch(`${server.url}/storage/v1/bucket`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      statusCode: '401',
      code: 'Unauthorized',
      error: 'Unauthorized',
      message: 'Missing apikey or Authorization header',
    });
  });

  test('one matching credential is enough: the apikey or the bearer token', async ({ server }) => {
    const list = (headers: Record<string, string>) => fetch(`${server.url}/storage/v1/bucket`, { headers });
    expect((await list({ apikey: SERVICE_KEY, authorization: 'Bearer a-user-jwt' })).status).toBe(200);
    expect((await list({ authorization: `Bearer ${SERVICE_KEY}` })).status).toBe(200);
  });

  test('/status answers without a key once the database answers', async ({ server }) => {
    const response = await fetch(`${server.url}/status`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('public URLs', () => {
  test('a public bucket serves its objects without a key, a private one does not', async ({ storage, bucket }) => {
    await storage.from('logos').upload(`${bucket}/logo.svg`, Buffer.from('<svg/>'), { contentType: 'image/svg+xml' });
    await storage.from(bucket).upload('secret.txt', Buffer.from('secret'));

    const publicUrl = storage.from('logos').getPublicUrl(`${bucket}/logo.svg`).data.publicUrl;
    const served = await fetch(publicUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect(await served.text()).toBe('<svg/>');
    expect((await fetch(publicUrl, { method: 'HEAD' })).headers.get('content-length')).toBe('6');

    const downloadUrl = storage.from('logos').getPublicUrl(`${bucket}/logo.svg`, { download: true }).data.publicUrl;
    const download = await fetch(downloadUrl);
    expect(download.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''logo.svg");

    const hidden = await fetch(storage.from(bucket).getPublicUrl('secret.txt').data.publicUrl);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ statusCode: '404', message: 'Bucket not found' });
    expect((await fetch(storage.from('logos').getPublicUrl('absent.svg').data.publicUrl)).status).toBe(404);

    await storage.from('logos').remove([`${bucket}/logo.svg`]);
  });
});

describe('paths', () => {
  test('traversal, absolute and malformed keys are refused with 4xx and nothing lands outside the data dir', async ({
    server,
    storage,
    bucket,
  }) => {
    const base = `/storage/v1/object/${bucket}`;
    const refused = [
      `${base}/../../escape.txt`,
      `${base}/a/..%2F..%2F..%2Fescape.txt`,
      `${base}/%2Fetc%2Fescape.txt`,
      `${base}/a//b.txt`,
      `${base}/nul%00.txt`,
      `${base}/back%5Cslash.txt`,
      `${base}/./dot.txt`,
    ];
    for (const path of refused) {
      const upload = await rawRequest(server.url, 'POST', path, 'x');
      expect(upload.status, `POST ${path}`).toBeGreaterThanOrEqual(400);
      expect(upload.status, `POST ${path}`).toBeLessThan(500);
      const read = await rawRequest(server.url, 'GET', path);
      expect(read.status, `GET ${path}`).toBeGreaterThanOrEqual(400);
      expect(read.status, `GET ${path}`).toBeLessThan(500);
    }
    expect(JSON.parse((await rawRequest(server.url, 'POST', refused[1]!, 'x')).body)).toMatchObject({
      statusCode: '400',
      code: 'InvalidKey',
    });
    const { error } = await storage.from(bucket).upload('../outside.txt', Buffer.from('x'));
    expect(error?.status).toBeGreaterThanOrEqual(400);
    expect(error?.status).toBeLessThan(500);

    const { dataDir } = server.config;
    for (const escaped of ['escape.txt', 'outside.txt']) {
      for (const dir of [dataDir, dirname(dataDir), join(dataDir, 'objects')]) {
        expect(existsSync(join(dir, escaped))).toBe(false);
      }
    }
    expect((await storage.from(bucket).list()).data).toEqual([]);
  });

  test('bad input is a 4xx, never a 500', async ({ server, bucket }) => {
    const post = (path: string, body: string) =>
      fetch(`${server.url}/storage/v1${path}`, {
        method: 'POST',
        headers: { apikey: SERVICE_KEY, 'content-type': 'application/json' },
        body,
      });
    const statuses = [
      (await post(`/object/list/${bucket}`, '{not json')).status,
      (await post(`/object/list/${bucket}`, JSON.stringify({ prefix: 'a\u0000b' }))).status,
      (await post(`/object/list/${bucket}`, JSON.stringify({ prefix: '', sortBy: { column: 'size' } }))).status,
      (await post('/bucket', JSON.stringify({ name: 'x', file_size_limit: 'lots' }))).status,
      (await post('/bucket', JSON.stringify({ name: 'x', allowed_mime_types: ['not a type'] }))).status,
      (await post('/object/move', JSON.stringify({ bucketId: bucket, sourceKey: 'a', destinationKey: '../b' }))).status,
      (await fetch(`${server.url}/storage/v1/bucket/bad%00name`, { headers: { apikey: SERVICE_KEY } })).status,
    ];
    expect(statuses).toEqual([400, 400, 400, 400, 400, 400, 400]);
  });
});

describe('main.ts', () => {
  test('prints the port it got for STORAGE_PORT=0 and closes on SIGTERM', async ({ postgres }) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'storage-main-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: APP_DIR,
      env: {
        ...process.env,
        STORAGE_PORT: '0',
        STORAGE_DATABASE_URL: postgres.url,
        STORAGE_DATA_DIR: dataDir,
        STORAGE_SERVICE_KEY: SERVICE_KEY,
        STORAGE_BUCKETS: 'uploads,brand-assets:public',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await rm(dataDir, { recursive: true, force: true });
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk;
        const match = /^storage listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(output);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`main.ts exited with ${code}:\n${output}`)));
    });

    expect((await fetch(`${url}/status`)).status).toBe(200);
    expect((await storageClient(url).getBucket('brand-assets')).data).toMatchObject({ public: true });
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code, output).toBe(0);
  });
});
