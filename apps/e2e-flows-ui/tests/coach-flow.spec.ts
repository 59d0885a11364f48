import { expect, test as base } from '@streamkit/e2e-fixtures/playwright';

const test = base.extend({ user: async ({ users }, use) => use(await users.create({ tier: 'pro' })) });

// Asks about everything the local coach knows, for its longest answer: the stream lasts long
// enough for the page to be seen mid-reply even on a busy machine.
const QUESTION = 'How do I improve my thumbnails, my overlay, audience growth and my schedule?';
// That answer streams for seconds by design, token by token, each a render of the page: on a busy
// machine its end once came later than the default 5 s (the sixth of ten `npm test` runs in a row),
// so the waits for the end of a stream get room of their own.
const STREAM_END = { timeout: 30_000 };

test.describe('coach flow', () => {
  test('a coached exchange streams into the page token by token, then a second turn, then the end', async ({
    signedInPage: page,
    api,
    user,
  }) => {
    await page.goto('/dashboard/coach');
    await page.getByLabel('What would you like help with?').fill(QUESTION);
    const clicked = Date.now();
    await page.getByRole('button', { name: 'Start session' }).click();

    // Watched every frame, in the page: the reply's text while it is still marked busy, i.e.
    // before its `done` event arrived. page.evaluate, not waitForFunction: the latter compiles
    // its predicate with eval, which the app's CSP (no 'unsafe-eval') refuses.
    const partialText = await page.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no streamed text within 15 s')), 15_000);
          const read = () => {
            const text = document.querySelector('.message.coach[aria-busy="true"] .message-text')?.textContent;
            if (!text) return void requestAnimationFrame(read);
            clearTimeout(timer);
            resolve(text);
          };
          read();
        }),
    );
    test.info().annotations.push({
      type: 'time to first streamed token in the page',
      description: `${Date.now() - clicked} ms`,
    });

    const reply = page.getByRole('list', { name: 'Conversation' }).getByRole('listitem').last();
    await expect(reply).not.toHaveAttribute('aria-busy', STREAM_END);
    await expect(page.getByText('Turns used: 1 of 10')).toBeVisible();
    const finalText = (await reply.locator('.message-text').textContent()) ?? '';
    expect(finalText.length, 'the reply grew after the text seen mid-stream').toBeGreaterThan(partialText.length);
    expect(finalText.startsWith(partialText), `"${partialText}" is the start of the reply`).toBe(true);

    // The page shows what the API saved.
    const auth = { headers: { authorization: `Bearer ${user.accessToken}` } };
    const { data } = await api.get('/api/v1/coach/sessions', auth);
    expect(data.sessions).toHaveLength(1);
    const saved = await api.get(`/api/v1/coach/sessions/${data.sessions[0].id}`, auth);
    expect(saved.data.session.messages.map((m: { content: string }) => m.content)).toEqual([QUESTION, finalText]);

    await page.getByLabel('Your message').fill('And what about my schedule?');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByText('Turns used: 2 of 10')).toBeVisible(STREAM_END);
    await expect(page.getByRole('list', { name: 'Conversation' }).getByRole('listitem')).toHaveCount(4);

    await page.getByRole('button', { name: 'End session' }).click();
    await expect(page.getByText('Turns used: 2 of 10 · ended')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send' })).toHaveCount(0);
    await expect(page.getByRole('list').filter({ hasText: '2 of 10 turns · ended' })).toBeVisible();
  });
});
