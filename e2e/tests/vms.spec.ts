import { test, expect } from '@playwright/test';
import { login, screenshotDir, vmRow, openVM } from './app';

// The Virtual Machines list and a VM's details against the built-in
// engine's lab: web0 (IPv6-only display network, SPICE), db0 (dual-stack,
// VNC), build0 (down), legacy0 (IPv4 and link-local only). The tests share
// one engine per run, so none depends on another's changes: they read the
// seeded addresses, and the migration test picks its destination from
// where web0 runs now.

test.describe('Virtual Machines', () => {
  test('the list shows guest IPv6 addresses with their scope, link-local behind the switch', async ({ page }) => {
    await login(page, '/vms');
    await expect(page.getByRole('heading', { name: 'Virtual Machines', level: 1 })).toBeVisible();
    const web0 = vmRow(page, 'web0');
    const v6 = web0.locator('td[data-label="IPv6"]');
    await expect(v6.locator('.v6-vm-addr', { hasText: '2001:db8:100::5' })).toBeVisible();
    await expect(v6.locator('.v6-vm-addr', { hasText: '2001:db8:100::5' }).locator('.v6-scope')).toHaveText('documentation');
    await expect(v6.locator('.v6-vm-addr', { hasText: '2001:db8:100::5' }).getByRole('button', { name: 'Copy 2001:db8:100::5' })).toBeVisible();
    await expect(web0.locator('td[data-label="Console"]')).toHaveText('SPICE');
    await expect(vmRow(page, 'db0').locator('td[data-label="IPv4"]')).toContainText(/^192\.0\.2\.\d+/); // a DHCP lease
    // Link-local: hidden, counted.
    await expect(page.locator('#vms-table')).not.toContainText('fe80::');
    await expect(v6).toContainText('1 link-local address hidden');
    await page.screenshot({ path: `${screenshotDir}/page-vms.png`, fullPage: true });

    await page.getByText('Show link-local addresses').click();
    const ll = v6.locator('.v6-vm-addr[data-scope="link-local"]');
    await expect(ll).toHaveCount(1);
    await expect(ll.locator('code')).toHaveText(/^fe80::[0-9a-f:]+%eth0$/);
    await expect(ll.locator('.v6-scope')).toHaveText('link-local');
    // Never truncated: the whole address is inside its cell.
    for (const code of await page.locator('#vms-table .v6-vm-addr code').all()) {
      const fits = await code.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.getBoundingClientRect().right <= el.closest('td')!.getBoundingClientRect().right + 1);
      expect(fits, `${await code.textContent()} is cut`).toBe(true);
    }
    await page.screenshot({ path: `${screenshotDir}/page-vms-link-local.png`, fullPage: true });
  });

  test('the family filter says which one is active', async ({ page }) => {
    await login(page, '/vms');
    await expect(vmRow(page, 'web0')).toBeVisible();
    await expect(page.locator('#vms-family-all')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('#vms-filter-says')).toHaveText(/^Showing every VM\. 4 of 4\.$/);

    await page.getByRole('button', { name: 'IPv6 only' }).click();
    await expect(page.locator('#vms-family-ipv6-only')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('#vms-family-all')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.locator('#vms-filter-says')).toContainText('no IPv4 address. 1 of 4.');
    await expect(page.locator('#vms-table tbody tr')).toHaveCount(1);
    await expect(vmRow(page, 'web0')).toBeVisible();

    await page.getByRole('button', { name: 'Has IPv6' }).click();
    await expect(page.locator('#vms-table tbody tr')).toHaveCount(2); // web0, db0; not legacy0 (link-local only)
    await expect(vmRow(page, 'legacy0')).toHaveCount(0);

    await page.getByRole('button', { name: 'Has IPv4' }).click();
    await expect(vmRow(page, 'db0')).toBeVisible();
    await expect(vmRow(page, 'legacy0')).toBeVisible();
    await expect(vmRow(page, 'web0')).toHaveCount(0);
  });

  test('console details: a bracketed literal, and the .vv file is served', async ({ page }) => {
    await login(page, '/vms');
    await vmRow(page, 'web0').getByRole('link', { name: 'web0' }).click();
    await expect(page.getByRole('heading', { name: 'web0', level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start' })).toBeDisabled();
    await expect(page.locator('#vm-nics tr[data-nic="nic1"]')).toContainText('2001:db8:100::5');
    await expect(page.locator('#vm-nics tr[data-nic="nic1"]')).toContainText('eth0');
    await page.screenshot({ path: `${screenshotDir}/page-vm-nics.png`, fullPage: true });

    await page.getByRole('tab', { name: 'Console' }).click();
    const ep = page.locator('#vm-console-spice-endpoint');
    await expect(ep).toHaveText(/^\[[0-9a-f:]+\]:5900$/);
    await expect(page.locator('#vm-console-spice-tls')).toHaveText(/^\[[0-9a-f:]+\]:5901$/);
    await page.screenshot({ path: `${screenshotDir}/page-vm-console.png`, fullPage: true });
    const href = await page.locator('#vm-console-spice-vv').getAttribute('href');
    expect(href).toMatch(/^\/api\/vms\/[^/]+\/console\.vv\?protocol=spice$/);
    const res = await page.request.get(href!);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/x-virt-viewer');
    expect(res.headers()['cache-control']).toBe('no-store');
    expect(await res.text()).toContain('[virt-viewer]');

    await page.getByRole('tab', { name: 'Sessions' }).click();
    await expect(page.locator('#vm-sessions')).toContainText('admin@internal');
    await expect(page.locator('#vm-sessions')).toContainText('2001:db8:20::77');
    await page.screenshot({ path: `${screenshotDir}/page-vm-sessions.png`, fullPage: true });
  });
});
