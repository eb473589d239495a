import { test, expect, Page } from '@playwright/test';
import { login, screenshotDir, vmRow, openVM, dialog } from './app';

// The Virtual Machines list and a VM's details against the built-in
// engine's lab: web0 (IPv6-only display network, SPICE), db0 (dual-stack,
// VNC), build0 (down), legacy0 (IPv4 and link-local only). The tests share
// one engine per run, so none depends on another's changes: they read the
// seeded addresses, and the migration test picks its destination from
// where web0 runs now. It needs display's IPv6 on host0 and host1 as
// seeded: the specs that change host0's display attachment put it back.

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
    // The vNIC profile by name with its network, as webadmin names it.
    await expect(page.locator('#vm-nics tr[data-nic="nic1"] .v6-vm-profile')).toHaveText('display (display)');
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

  test('Start and Power Off from the list, followed to the end', async ({ page }) => {
    await login(page, '/vms');
    const row = vmRow(page, 'build0');
    const status = row.locator('td[data-label="Status"]');
    await expect(status).toHaveAttribute('data-status', /^(up|down)$/);
    const powerOff = async () => {
      await row.getByRole('button', { name: 'Power Off build0' }).click();
      const c = dialog(page, 'Power Off Virtual Machine(s)');
      await expect(c).toContainText('build0');
      await c.getByRole('button', { name: 'Power Off' }).click();
      await expect(status).toHaveAttribute('data-status', 'down', { timeout: 20_000 });
      await expect(page.locator('#toasts')).toContainText('VM build0 was powered off.');
    };
    if (await status.getAttribute('data-status') === 'up') await powerOff(); // left running by another test
    await row.getByRole('button', { name: 'Start build0' }).click();
    await expect(row.getByRole('button', { name: 'Start build0' })).toBeDisabled();
    await expect(status).toHaveAttribute('data-status', 'up', { timeout: 20_000 });
    await expect(row.locator('td[data-label="Host"]')).toHaveText(/^host\d$/);
    await expect(page.locator('#toasts')).toContainText('VM build0 was started.');
    // Power Off asks first: Cancel leaves it running.
    await row.getByRole('button', { name: 'Power Off build0' }).click();
    await dialog(page, 'Power Off Virtual Machine(s)').getByRole('button', { name: 'Cancel' }).click();
    await expect(status).toHaveAttribute('data-status', 'up');
    await powerOff();
  });

  test('migrate a running VM over the IPv6 migration network: the address before OK, the new host after, live', async ({ page }) => {
    await openVM(page, 'web0');
    const from = (await page.locator('#vm-host').textContent())!.trim();
    await expect(page.locator('#vm-status')).toHaveAttribute('data-status', 'up');
    await page.getByRole('button', { name: 'Migrate' }).click();
    const d = dialog(page, 'Migrate VM web0');
    await expect(d).toBeVisible();
    await expect(d.locator('#migrate-network')).toHaveText('display');
    // The other lab host (other tests add hosts to the cluster, without
    // the display network): the automatic choice lists the address for
    // each possible host, this one's over IPv6 on display.
    const to = from === 'host0' ? 'host1' : 'host0';
    await expect(d.locator('#migrate-each li').filter({ hasText: new RegExp(`^${to}:`) }))
      .toHaveText(new RegExp(`^${to}: over 2001:db8:100:[0-9a-f:]+ on display \\(IPv6\\)$`));
    const host = d.getByLabel('Destination Host');
    await host.selectOption({ label: to });
    await expect(d.locator('#migrate-summary')).toHaveText(/^This migration will go over 2001:db8:100:[0-9a-f:]+ on display \(IPv6\)\.$/);
    await expect(d.locator('#migrate-family')).toHaveText('IPv6');
    const said = (await d.locator('#migrate-summary strong').textContent())!;
    await page.screenshot({ path: `${screenshotDir}/dialog-migrate-vm.png` });

    await d.getByRole('button', { name: 'OK' }).click();
    // Live, without a reload: the page shows web0 migrating, then up on the new host.
    await expect(page.locator('#vm-status')).toHaveAttribute('data-status', 'migrating');
    await expect(d.locator('#migrate-step-1')).toContainText(`Migrating to ${to} ${said}`);
    await expect(d.locator('#migrate-done')).toContainText(`web0 is up on ${to}.`);
    await expect(d.locator('#migrate-events')).toContainText('Migration started (VM: web0');
    await page.screenshot({ path: `${screenshotDir}/dialog-migrate-vm-done.png` });
    await expect(page.locator('#vm-host')).toHaveText(to);
    await expect(page.locator('#vm-status')).toHaveAttribute('data-status', 'up');
    await d.locator('#migrate-close').click();
    await expect(d).toHaveCount(0);
    await page.getByRole('link', { name: 'Virtual Machines' }).first().click();
    await expect(vmRow(page, 'web0').locator('td[data-label="Host"]')).toHaveText(to);
  });

  test('the migrate dialog by keyboard only, opened by its deep link', async ({ page }) => {
    await openVM(page, 'db0');
    const url = new URL(page.url());
    await page.goto(`${url.pathname}?dialog=migrate`);
    const d = dialog(page, 'Migrate VM db0');
    await expect(d).toBeVisible({ timeout: 30_000 });
    const host = d.getByLabel('Destination Host');
    await expect(host).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(d.locator('#migrate-summary')).toContainText('This migration will go over');
    // Esc cancels, and the deep link is gone from the address.
    await page.keyboard.press('Escape');
    await expect(d).toHaveCount(0);
    expect(new URL(page.url()).search).toBe('');

    // Tab to Migrate, Enter, pick a host, Tab to OK, Enter.
    const from = (await page.locator('#vm-host').textContent())!.trim();
    await tabTo(page, '#vm-migrate');
    await page.keyboard.press('Enter');
    await expect(d).toBeVisible();
    await expect(host).toBeFocused();
    await page.keyboard.press('ArrowDown');
    const to = (await host.locator('option:checked').textContent())!.trim();
    await expect(d.locator('#migrate-summary')).toContainText('This migration will go over');
    await tabTo(page, '#migrate-ok');
    await page.keyboard.press('Enter');
    await expect(d.locator('#migrate-done')).toContainText(`db0 is up on ${to}.`);
    await expect(d.locator('#migrate-close')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(d).toHaveCount(0);
    await expect(page.locator('#vm-host')).toHaveText(to);
    expect(to).not.toBe(from);
  });
});

// tabTo presses Tab until the element of selector has the focus.
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 40; i++) {
    if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}
