import { test, expect } from '@playwright/test';
import { login, hostRow, dialog, openApp, patchAnswer } from './app';

test.describe('Host → Network Interfaces', () => {
  test('the IPv6 column shows address/prefix, boot protocol and scope', async ({ page }) => {
    await login(page);
    await hostRow(page, 'host0').getByRole('link', { name: 'host0' }).click();
    await expect(page).toHaveURL(/\/hosts\/[^/]+\/nics$/);
    await expect(page.getByRole('heading', { name: 'host0 — Network Interfaces' })).toBeVisible();
    const eth0 = page.locator('#nics-table tr[data-nic="eth0"]');
    await expect(eth0.locator('td[data-label="Logical Networks"]')).toContainText('ovirtmgmt');
    await expect(eth0.locator('td[data-label="Logical Networks"]')).toContainText('Management');
    await expect(eth0.locator('td[data-label="Logical Networks"]')).toContainText('Default Route');
    const v6 = eth0.locator('td[data-label="IPv6 Address"]');
    await expect(v6).toContainText('2001:db8:10::11/64');
    await expect(v6).toContainText('Static');
    await expect(v6.locator('.v6-scope').first()).toHaveText('documentation');
    await expect(eth0.locator('td[data-label="IPv4 Address"]')).toContainText('192.0.2.11/24');
    // Traffic comes from the NIC's statistics (in the row's details): an up NIC shows numbers.
    await eth0.getByRole('button', { name: 'Details of eth0' }).click();
    const stats = page.locator('#nics-table tr[data-nic-details="eth0"]');
    await expect(stats.locator('[data-stat="rate"]')).toHaveText(/^(\d+(\.\d+)?|< 0\.01) \/ (\d+(\.\d+)?|< 0\.01)$/);
    await expect(stats.locator('[data-stat="total"]')).toHaveText(/^[\d.]+ [KMGT]?i?B \/ [\d.]+ [KMGT]?i?B$/);
    await expect(stats.locator('[data-stat="drops"]')).toHaveText(/^\d+$/);
    const eth1 = page.locator('#nics-table tr[data-nic="eth1"]');
    await expect(eth1.locator('td[data-label="Logical Networks"]')).toContainText('VLAN 100');
    await expect(eth1.locator('td[data-label="IPv6 Address"]')).toContainText('2001:db8:100::11/64');
    const bond = page.locator('#nics-table tr[data-nic="bond0"]');
    await expect(bond).toContainText('Bond (mode 4): eth2, eth3');
    await expect(bond.locator('td[data-label="IPv6 Address"]')).toContainText('2001:db8:200::11/64');
    await expect(page.getByRole('button', { name: 'Setup Host Networks' })).toBeEnabled();
  });

  test('SLAAC: the link-local gateway always shows; copy', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await login(page);
    await hostRow(page, 'host1').getByRole('link', { name: 'host1' }).click();
    const eth0 = page.locator('#nics-table tr[data-nic="eth0"]');
    const v6 = eth0.locator('td[data-label="IPv6 Address"]');
    await expect(v6).toContainText('Stateless Address Autoconfiguration');
    await expect(v6).toContainText(/2001:db8:10:0:[0-9a-f:]+\/64/);
    // The RA-learned gateway is shown with the switch off (issue 11, Wrong 9).
    await expect(page.getByRole('switch', { name: 'Show link-local addresses' })).not.toBeChecked();
    await expect(v6).toContainText('gateway fe80::1');
    await expect(v6.locator('.scope-link-local')).toHaveText('link-local');
    await expect(v6).not.toContainText('link-local address hidden');
    await v6.getByRole('button', { name: 'Copy fe80::1' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('fe80::1');
    await expect(page.locator('#toasts')).toContainText('Copied fe80::1 to the clipboard.');
    // The switch is about the interfaces' own addresses; this engine, like
    // vdsm, reports none, and the page says so.
    await page.getByText('Show link-local addresses').click();
    await expect(v6).toContainText('gateway fe80::1');
    await expect(page.locator('#link-local-none')).toContainText('reports no link-local address');
  });

  test("the switch shows an interface's own link-local address", async ({ page }) => {
    await login(page);
    // An interface whose reported IPv6 address is link-local (an engine may
    // report one on a NIC without a global address).
    await patchAnswer(page, /\/api\/hosts\/[^/]+\/network$/, (body) => {
      const eth2 = body.nics.find((n: any) => n.name === 'eth2');
      eth2.ipv6 = { boot_protocol: 'none', address: { address: 'fe80::e42:a1ff:fe00:2', kind: 'ipv6', scope: 'link-local' }, prefix: 64 };
    });
    await hostRow(page, 'host1').getByRole('link', { name: 'host1' }).click();
    const v6 = page.locator('#nics-table tr[data-nic="eth2"] td[data-label="IPv6 Address"]');
    await expect(v6).toContainText('1 link-local address hidden');
    await expect(v6).not.toContainText('fe80::e42:a1ff:fe00:2');
    await page.getByText('Show link-local addresses').click();
    await expect(v6).toContainText('fe80::e42:a1ff:fe00:2/64');
    await expect(page.locator('#link-local-none')).toHaveCount(0);
    // The gateways of host1's SLAAC networks show either way.
    await expect(page.locator('#nics-table tr[data-nic="eth0"] td[data-label="IPv6 Address"]')).toContainText('gateway fe80::1');
  });

  test('a deep link survives a reload', async ({ page }) => {
    await login(page);
    await hostRow(page, 'host0').getByRole('link', { name: 'host0' }).click();
    const url = page.url();
    await openApp(page, new URL(url).pathname);
    await expect(page).toHaveURL(url);
    await expect(page.locator('#nics-table tr[data-nic="eth0"]')).toContainText('2001:db8:10::11/64');
  });

  test('Sync All Networks asks first', async ({ page }) => {
    await login(page);
    await hostRow(page, 'host0').getByRole('link', { name: 'host0' }).click();
    const sync = page.getByRole('button', { name: 'Sync All Networks' });
    // Every network of the seed is in sync: nothing to do.
    await expect(sync).toBeDisabled();
    // Mark one out of sync in the answer, as an engine would report it.
    await patchAnswer(page, /\/api\/hosts\/[^/]+\/network$/, (body) => {
      body.attachments[0].in_sync = false;
    });
    await openApp(page, new URL(page.url()).pathname);
    await expect(page.locator('#nics-table')).toContainText('Out of sync');
    await page.getByRole('button', { name: 'Sync All Networks' }).click();
    const c = dialog(page, 'Synchronize all host networks');
    await expect(c).toContainText("Are you sure you want to synchronize all host's networks?");
    await c.getByRole('button', { name: 'OK' }).click();
    // The same flow as Setup Host Networks: the change's progress while it runs.
    await expect(c.locator('#sync-all-progress [aria-current="step"]')).toBeVisible();
    await expect(c).toHaveCount(0, { timeout: 30_000 });
    await expect(page.locator('#toasts')).toContainText("The host's networks were synchronized.");
  });
});
