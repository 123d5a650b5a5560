import { expect, openApp, test } from './fixtures';

/**
 * Browser mode's link, as it lies in the browser's history afterwards: it
 * carries a one-time token, not the session's secret. Opened again (from the
 * history, or by anyone who reads it there) it opens nothing; the link the
 * server prints next opens the app in another tab, once.
 */
test('the printed link opens the app once; the next one printed opens another tab', async ({
  page,
  server,
  context,
}) => {
  await openApp(page, server);
  // The address bar (and so the history entry) no longer holds the token.
  expect(new URL(page.url()).hash).toBe('');
  // A reload keeps the tab's session.
  await page.reload();
  await expect(page.locator('.topbar')).toBeVisible();

  const replay = await context.newPage();
  await replay.goto(server.url);
  // In the browser's language (this one's is English), saying what to do.
  await expect(replay.getByRole('alert')).toContainText('Each link opens once');
  await expect(replay.locator('.topbar')).toHaveCount(0);

  await expect.poll(() => /Another tab \(each link opens once\): (\S+)/.exec(server.output())?.[1]).toBeTruthy();
  const next = /Another tab \(each link opens once\): (\S+)/.exec(server.output())?.[1] as string;
  expect(next).not.toBe(server.url);
  const second = await context.newPage();
  await second.goto(next);
  await expect(second.locator('.topbar')).toBeVisible();
});
