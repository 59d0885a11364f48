import pg from 'pg';

/** Hides the password of a connection URL, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparsable url>';
  }
}

export function createPool(databaseUrl: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: databaseUrl, max, connectionTimeoutMillis: 5000 });
  pool.on('error', () => undefined); // an idle client dying is reported by the next query
  // end() resolves before the sockets close; a shutdown notice arriving then must not crash a worker.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
