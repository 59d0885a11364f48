import { securityHeaders } from '@streamkit/web/security-headers';

/** Stands for the storage origin until the container starts; the nginx image substitutes it. */
const STORAGE_ORIGIN = '${WEB_STORAGE_ORIGIN}';

/**
 * The web app's production headers (`apps/web/security-headers.ts`, which `vite preview` sends
 * in the local stack) as nginx `add_header` lines, so the web image sends exactly what the suite
 * tests. The storage origin in the CSP is left to WEB_STORAGE_ORIGIN, known only per deployment.
 */
export function nginxSecurityHeaders(): string {
  const headers = securityHeaders({ storageUrl: 'http://storage.invalid' });
  const lines = Object.entries(headers).map(([name, value]) => {
    const templated = value.replace(' http://storage.invalid', ` ${STORAGE_ORIGIN}`);
    if (/["\\\n]/.test(templated)) throw new Error(`${name}: a value nginx cannot quote: ${templated}`);
    return `add_header ${name} "${templated}" always;`;
  });
  return `# Generated from apps/web/security-headers.ts by tools/delivery/src/nginx-security-headers.ts.\n${lines.join('\n')}\n`;
}

if (process.argv[1]?.endsWith('nginx-security-headers.ts')) process.stdout.write(nginxSecurityHeaders());
