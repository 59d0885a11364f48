import { describe, expect, it } from 'vitest';
import { securityHeaders } from '@streamkit/web/security-headers';
import { nginxSecurityHeaders } from './nginx-security-headers.ts';

describe('the web image’s security headers', () => {
  it('are the web app’s own, every one on every answer, with the storage origin set per deployment', () => {
    const lines = nginxSecurityHeaders()
      .split('\n')
      .filter((line) => line.startsWith('add_header'));
    const storageOrigin = 'http://storage:5000';
    const rendered = Object.fromEntries(
      lines.map((line) => {
        const [, name, value] = line.match(/^add_header (\S+) "(.*)" always;$/)!;
        return [name, value!.replace('${WEB_STORAGE_ORIGIN}', storageOrigin)];
      }),
    );
    expect(rendered).toEqual(securityHeaders({ storageUrl: storageOrigin }));
  });
});
