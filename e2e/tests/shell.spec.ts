import { test, expect } from '@playwright/test';
import { login, openApp, openNewHost, fillNewHost, dialog, hostRow, screenshotDir } from './app';

test.describe('the shell', () => {
  test('the loading screen shows the real download progress of app.wasm', async ({ page }) => {
    // Hold app.wasm back a moment so the loading screen can be seen.
    await page.route(/\/web\/app\.wasm/, async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    await page.goto('/login');
    const label = page.locator('#app-wasm-loader-label');
    await expect(label).toHaveText(/^Loading v6admin… \d+%$/);
    await page.screenshot({ path: `${screenshotDir}/loading-screen.png` });
    await expect(page.locator('#app-wasm-loader')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByRole('heading', { name: 'Log in to your account' })).toBeVisible();
  });

  test('an unknown page is a 404 page with the navigation', async ({ page }) => {
    const res = await page.goto('/no/such/page');
    expect(res?.status()).toBe(404);
    await openApp(page, '/no/such/page');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await page.getByRole('link', { name: 'Go to Hosts' }).click();
    await expect(page).toHaveURL(/\/login\?next=%2Fhosts$/);
  });

  test('Storage Domains, Providers and Events list what the engine has', async ({ page }) => {
    await login(page);
    await page.getByRole('link', { name: 'Storage Domains' }).click();
    await expect(page.locator('#storage-table')).toContainText('nfs-data');
    await expect(page.locator('#storage-table')).toContainText('2001:db8:200::60');
    await page.getByRole('link', { name: 'Providers' }).click();
    await expect(page.locator('#providers-table')).toContainText('ovirt-provider-ovn');
    await expect(page.locator('#providers-table')).toContainText('https://[2001:db8:10::5]:9696');
    await page.getByRole('link', { name: 'Events' }).click();
    // A page holds the 50 newest: search for the seed's event.
    await page.getByLabel("Search the events' messages").fill('nfs-data was added');
    await page.getByLabel("Search the events' messages").press('Enter');
    await expect(page.locator('#events-table')).toContainText('Storage Domain nfs-data was added');
    await expect(page.getByRole('link', { name: 'Events' })).toHaveAttribute('aria-current', 'page');
  });

  test('the drawer and the toasts follow the engine\'s events live', async ({ page }) => {
    await login(page);
    const d = await openNewHost(page);
    await fillNewHost(d, 'live-host', '2001:db8::c1');
    await d.getByRole('button', { name: 'OK' }).click();
    await dialog(page, 'Power Management Configuration').getByRole('button', { name: 'OK' }).click();
    // The install ends with an event: a toast, and the status turns Up.
    await expect(page.locator('#toasts')).toContainText('Host live-host installed', { timeout: 20_000 });
    await expect(hostRow(page, 'live-host').locator('td[data-label="Status"]')).toContainText('Up');
    const bell = page.locator('#notifications-toggle');
    await expect(bell).toHaveAttribute('aria-label', /unread/);
    await bell.click();
    const drawer = page.getByRole('complementary', { name: 'Notifications' });
    await expect(drawer).toContainText('Host live-host was added');
    await expect(drawer).toContainText('Host live-host installed');
    await expect(page.locator('#drawer-title')).toBeFocused();
    await drawer.getByRole('button', { name: 'Close the notification drawer' }).click();
    await expect(drawer).toHaveCount(0);
    await expect(bell).toBeFocused();
  });

  test('a banner shows while the connection is down, and the stream resumes', async ({ page }) => {
    let connects = 0;
    const froms: string[] = [];
    await page.routeWebSocket(/\/ws/, (ws) => {
      connects++;
      froms.push(new URL(ws.url()).searchParams.get('from') ?? '');
      if (connects <= 2) {
        ws.close({ code: 1011, reason: 'test: the server went away' });
        return;
      }
      ws.connectToServer();
    });
    await login(page);
    await expect(page.locator('#connection-banner')).toContainText('The connection to the server is down');
    await expect(page.locator('#connection-banner')).toHaveCount(0, { timeout: 15_000 });
    expect(connects).toBeGreaterThanOrEqual(3);
    // Every attempt resumes after the newest event the page has seen.
    expect(froms.every((f) => f !== '' && f === froms[0])).toBe(true);
  });
});
