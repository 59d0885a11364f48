import { expect, test } from '@streamkit/e2e-fixtures/playwright';

/**
 * What a production deployment of the web app sends with every page (apps/web/security-headers.ts,
 * documented in docs/architecture.md), checked as the browser receives it. Listed here on their
 * own, from the specification, not read from the app's code.
 */
const PAGES = ['/', '/login', '/signup', '/forgot-password', '/reset-password?token=x', '/dashboard', '/no-such-page'];

test.describe('browser security headers', () => {
  for (const path of PAGES) {
    test(`${path} is served with CSP, frame and sniffing protection and a referrer policy`, async ({ request }) => {
      const response = await request.get(path);
      expect(response.status(), `GET ${path}`).toBe(200);
      const headers = response.headers();
      const csp = headers['content-security-policy'] ?? '';
      const directives = Object.fromEntries(
        csp
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      );
      expect(directives['frame-ancestors'], `CSP: ${csp}`).toEqual(["'none'"]);
      expect(directives['script-src'], `CSP: ${csp}`).toEqual(["'self'"]);
      expect(directives['object-src'], `CSP: ${csp}`).toEqual(["'none'"]);
      expect(directives['default-src'], `CSP: ${csp}`).toEqual(["'self'"]);
      expect(headers['x-frame-options']).toBe('DENY');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    });
  }

  test('another site cannot frame the login form', async ({ page, baseURL }) => {
    // A page of another origin (about:blank) framing the login page: the browser must refuse it.
    await page.setContent(`<iframe title="framed" src="${baseURL}/login"></iframe>`);
    await expect
      .poll(
        () =>
          page
            .frames()
            .find((f) => f !== page.mainFrame())
            ?.url(),
        { message: 'the framed login page' },
      )
      .toMatch(/^chrome-error:/);
    await expect(page.frameLocator('iframe').getByRole('button', { name: 'Log in' })).toHaveCount(0);
  });
});
