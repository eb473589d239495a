import { test, expect } from '@playwright/test';
import { login, openApp, screenshotDir } from './app';

test.describe('logout and the event stream', () => {
  test('logging out in one tab sends the other tabs of the session to the login page at once', async ({ context }) => {
    const first = await context.newPage();
    await login(first);
    const second = await context.newPage();
    // The second tab's stream: up once its hello came; then closed.
    let hello!: () => void, closed!: () => void;
    const helloSeen = new Promise<void>((r) => { hello = r; });
    const closedSeen = new Promise<void>((r) => { closed = r; });
    second.on('websocket', (ws) => {
      if (!ws.url().includes('/ws')) return;
      ws.on('framereceived', (f) => { if (String(f.payload).includes('"hello"')) hello(); });
      ws.on('close', () => closed());
    });
    await openApp(second, '/storage-domains');
    await expect(second.locator('#current-user')).toBeVisible();
    await helloSeen;

    await first.getByRole('button', { name: 'Log out' }).click();
    await expect(first).toHaveURL(/\/login$/);

    // The server closes the second tab's socket (4001) and says why: it
    // does not wait for the tab's next request or a heartbeat.
    await closedSeen;
    await expect(second).toHaveURL(/\/login\?next=%2Fstorage-domains$/, { timeout: 5_000 });
    await expect(second.getByText('This session was logged out. Log in again.')).toBeVisible();
    // The login page says which user name the engine wants, as a freshly
    // loaded one does, though this tab was loaded with a session.
    await expect(second.getByText('User name and profile, for example admin@internal.')).toBeVisible();
    await second.screenshot({ path: `${screenshotDir}/logout-other-tab.png` });
  });
});
