import { test, expect, Page } from '@playwright/test';
import { login, openApp, hostRow, dialog, screenshotDir, ADMIN, PASSWORD } from './app';

// Issue 11, "Confusing": the login page, routes, toasts, Events, headers.

// headersCut lists the column headers of a table that are cut, or that
// break a word across lines ("Prod / uct ID"): a text laid out in more
// line boxes than it has words.
async function headersCut(page: Page, table: string): Promise<string[]> {
  return page.locator(`${table} thead th`).evaluateAll((ths) =>
    ths.filter((th) => {
      if (th.scrollWidth > th.clientWidth) return true;
      const text = (th.textContent || '').trim();
      if (!text) return false;
      const r = document.createRange();
      r.selectNodeContents(th);
      const lines = new Set([...r.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top)));
      return lines.size > text.split(/\s+/).length;
    }).map((th) => (th.textContent || '').trim()));
}

function overlap(a: { x: number; y: number; width: number; height: number } | null, b: typeof a): boolean {
  if (!a || !b) return false;
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('the login page: an example hint, the demo password, no 401 before login, one period', async ({ page }) => {
  const unauthorized: string[] = [];
  page.on('response', (r) => { if (r.status() === 401 && r.url().includes('/api/') && !r.request().method().startsWith('POST')) unauthorized.push(r.url()); });
  await openApp(page, '/hosts');
  await expect(page).toHaveURL(/\/login/);
  const user = page.getByLabel('User Name');
  await expect(user).toHaveValue('');
  await expect(user).not.toHaveAttribute('placeholder', /.+/);
  await expect(page.locator('#login-user-desc')).toHaveText('User name and profile, for example admin@internal.');
  await expect(page.locator('#login-demo')).toContainText(`log in as ${ADMIN} with the password ${PASSWORD}`);
  await page.screenshot({ path: `${screenshotDir}/login-1280.png` });
  await user.fill(ADMIN);
  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('#login-error')).toContainText('The username or password is incorrect.');
  expect(await page.locator('#login-error').textContent()).not.toMatch(/\.\.\s*$/);
  expect(unauthorized).toEqual([]);
});

test('/hosts/<id> shows the host; an unknown host says so', async ({ page }) => {
  await login(page);
  await hostRow(page, 'host0').getByRole('link', { name: 'host0' }).click();
  const nics = new URL(page.url()).pathname;
  const hostPath = nics.replace(/\/nics$/, '');
  await openApp(page, hostPath);
  await expect(page.getByRole('heading', { name: 'host0 — Network Interfaces' })).toBeVisible();
  await openApp(page, '/hosts/no-such-host/nics');
  await expect(page.getByRole('heading', { name: 'Host not found' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Setup Host Networks' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Go to Hosts' })).toBeVisible();
});

test('toasts cover neither Log out nor the dialog title', async ({ page }) => {
  await login(page);
  await hostRow(page, 'host2').click();
  await page.getByRole('button', { name: 'Maintenance' }).click();
  await dialog(page, 'Maintenance Host(s)').getByRole('button', { name: 'OK' }).click();
  const t = page.locator('#toasts .v6-toast').first();
  await expect(t).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Edit' }).click();
  const d = dialog(page, 'Edit Host');
  await expect(d).toBeVisible();
  await expect(t).toBeVisible();
  const toast = await t.boundingBox();
  expect(overlap(toast, await page.getByRole('button', { name: 'Log out' }).boundingBox())).toBe(false);
  expect(overlap(toast, await d.locator('h1, .pf-v6-c-modal-box__title').first().boundingBox())).toBe(false);
  await page.screenshot({ path: `${screenshotDir}/toast-with-dialog-1280.png` });
  await d.getByRole('button', { name: 'Cancel' }).click();
  await hostRow(page, 'host2').click();
  await page.getByRole('button', { name: 'Activate' }).click();
});

test('Events: search, severity and paging through the engine', async ({ page }) => {
  await login(page, '/events');
  const rows = page.locator('#events-table tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await headersCut(page, '#events-table')).toEqual([]);
  await page.screenshot({ path: `${screenshotDir}/events-1280.png` });
  // Search the messages (the engine's message="*text*").
  await page.getByLabel("Search the events' messages").fill('host1');
  await page.getByLabel("Search the events' messages").press('Enter');
  await expect(rows.first()).toContainText('host1');
  for (const text of await rows.locator('td[data-label="Message"]').allTextContents()) expect(text).toContain('host1');
  // Severity: alerts only (the seed's power management alert of host2).
  await page.getByLabel("Search the events' messages").fill('');
  await page.getByLabel("Search the events' messages").press('Enter');
  await page.locator('#events-severity').selectOption('alert');
  await expect(rows.first()).toContainText('Alert');
  for (const text of await rows.locator('td[data-label="Severity"]').allTextContents()) expect(text).toBe('Alert');
  // Paging: the seed's events fit on one page of 50 (the BFF's tests page
  // through the engine with page N).
  await page.locator('#events-severity').selectOption({ label: 'All severities' });
  await expect(page.locator('#events-page-number')).toHaveText('Page 1');
  await expect(page.locator('#events-prev')).toBeDisabled();
  await expect(page.locator('#events-next')).toBeDisabled();
});

test('Storage Domains, Providers and LUN headers are not cut at 1280 px', async ({ page }) => {
  await login(page, '/storage-domains');
  await expect(page.locator('#storage-table')).toBeVisible();
  expect(await headersCut(page, '#storage-table')).toEqual([]);
  await expect(page.locator('#storage-table')).not.toContainText('Iscsi');
  await page.screenshot({ path: `${screenshotDir}/storage-domains-1280.png` });
  await openApp(page, '/providers');
  await expect(page.locator('#providers-table')).toBeVisible();
  expect(await headersCut(page, '#providers-table')).toEqual([]);
  await page.screenshot({ path: `${screenshotDir}/providers-1280.png` });
  await openApp(page, '/storage-domains');
  await page.locator('#storage-new').click();
  const d = dialog(page, 'New Domain');
  await d.getByLabel('Storage Type').selectOption('iscsi');
  await d.getByLabel('Address').fill('2001:db8:200::50');
  await d.getByRole('button', { name: 'Discover' }).click();
  const target = d.locator('#iscsi-targets-table tr[data-target="iqn.2014-07.org.ovirt:storage"]');
  await expect(target).toBeVisible({ timeout: 20_000 });
  const lg = target.getByRole('button', { name: /Login to/ });
  if (await lg.count()) await lg.click();
  await expect(d.locator('#iscsi-luns-table tbody tr').first()).toBeVisible({ timeout: 20_000 });
  expect(await headersCut(page, '#iscsi-targets-table')).toEqual([]);
  expect(await headersCut(page, '#iscsi-luns-table')).toEqual([]);
  await d.locator('#iscsi-luns-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${screenshotDir}/luns-1280.png` });
});
