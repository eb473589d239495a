import { test, expect, Page } from '@playwright/test';
import { login, openApp, openNewHost, fillNewHost, hostRow, dialog, screenshotDir, patchAnswer, audit } from './app';

// axe-core must find no serious or critical violation on any page or open
// dialog (audit); each dialog is kept as a screenshot
// (test-results/screenshots).
async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${screenshotDir}/${name}.png` });
}

test.describe('accessibility (axe) and screenshots', () => {
  test('the login page', async ({ page }) => {
    await openApp(page, '/login');
    await audit(page, 'login');
    await shot(page, 'page-login');
  });

  test('the 404 page', async ({ page }) => {
    await openApp(page, '/no-such-page');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await audit(page, '404');
  });

  test('the pages', async ({ page }) => {
    await login(page);
    await expect(hostRow(page, 'host0')).toBeVisible();
    await audit(page, 'hosts');
    await shot(page, 'page-hosts');
    await hostRow(page, 'host1').getByRole('link', { name: 'host1' }).click();
    await expect(page.locator('#nics-table')).toBeVisible();
    await page.getByText('Show link-local addresses').click();
    await audit(page, 'network interfaces');
    await shot(page, 'page-network-interfaces');
    for (const [link, table] of [['Storage Domains', '#storage-table'], ['Providers', '#providers-table'], ['Events', '#events-table']]) {
      await page.getByRole('link', { name: link }).click();
      await expect(page.locator(table)).toBeVisible();
      await audit(page, link);
    }
    await page.locator('#notifications-toggle').click();
    await expect(page.getByRole('complementary', { name: 'Notifications' })).toBeVisible();
    await audit(page, 'notification drawer');
    await shot(page, 'drawer-notifications');
  });

  test('the New Host dialog, its tabs and its dialogs', async ({ page }) => {
    await login(page);
    const d = await openNewHost(page);
    await audit(page, 'New Host');
    await shot(page, 'dialog-new-host');
    await fillNewHost(d, 'a11y host', '2001:db8::1/64');
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d.locator('#host-address-error')).toBeVisible();
    await audit(page, 'New Host with errors');
    await shot(page, 'dialog-new-host-errors');
    await d.getByRole('tab', { name: 'Power Management' }).click();
    await d.getByLabel('Enable Power Management').check();
    await audit(page, 'New Host, Power Management');
    await shot(page, 'dialog-new-host-power-management');
    await page.locator('#pm-add-agent').click();
    const a = dialog(page, 'Add fence agent');
    await a.getByLabel('Address').fill('2001:db8:20::13');
    await a.getByLabel('Type').selectOption('apc');
    await audit(page, 'Add fence agent');
    await shot(page, 'dialog-fence-agent');
    await a.getByRole('button', { name: 'Cancel' }).click();
    await d.getByLabel('Enable Power Management').uncheck();
    await d.getByRole('tab', { name: /General/ }).click();
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('a11y-host');
    await d.getByLabel('Hostname/IP').fill('2001:db8::e1');
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(dialog(page, 'Power Management Configuration')).toBeVisible();
    await audit(page, 'Power Management Configuration');
    await shot(page, 'dialog-confirm-no-power-management');
  });

  test('Edit Host, Remove and Sync All Networks', async ({ page }) => {
    await login(page);
    await hostRow(page, 'host1').click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const e = dialog(page, 'Edit Host');
    await expect(e.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('host1');
    await audit(page, 'Edit Host');
    await shot(page, 'dialog-edit-host');
    await e.getByRole('tab', { name: 'Power Management' }).click();
    await e.getByRole('button', { name: /Edit fence agent redfish/ }).first().click();
    await expect(dialog(page, 'Edit fence agent')).toBeVisible();
    await audit(page, 'Edit fence agent');
    await shot(page, 'dialog-edit-fence-agent');
    await page.keyboard.press('Escape');
    await expect(dialog(page, 'Edit fence agent')).toHaveCount(0);
    await expect(e.getByRole('button', { name: /Edit fence agent redfish/ }).first()).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(e).toHaveCount(0);
    // Remove is offered in Maintenance only.
    await expect(page.getByRole('button', { name: 'Remove' })).toBeDisabled();
    await page.getByRole('button', { name: 'Maintenance' }).click();
    await dialog(page, 'Maintenance Host(s)').getByRole('button', { name: 'OK' }).click();
    await expect(hostRow(page, 'host1').locator('td[data-label="Status"]')).toContainText('Maintenance', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Remove' }).click();
    await expect(dialog(page, 'Remove Host(s)')).toBeVisible();
    await audit(page, 'Remove Host(s)');
    await shot(page, 'dialog-remove-host');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Activate' }).click();
    await expect(hostRow(page, 'host1').locator('td[data-label="Status"]')).toContainText('Up', { timeout: 20_000 });

    await patchAnswer(page, /\/api\/hosts\/[^/]+\/network$/, (body) => {
      body.attachments[0].in_sync = false;
    });
    await hostRow(page, 'host0').getByRole('link', { name: 'host0' }).click();
    await page.getByRole('button', { name: 'Sync All Networks' }).click();
    await expect(dialog(page, 'Synchronize all host networks')).toBeVisible();
    await audit(page, 'Synchronize all host networks');
    await shot(page, 'dialog-sync-all-networks');
  });
});

test.describe('accessibility (axe): providers and storage dialogs', () => {
  test('Add Provider, its certificate question, and its errors', async ({ page }) => {
    await login(page, '/providers');
    await expect(page.locator('#providers-table')).toBeVisible();
    await audit(page, 'Providers');
    await shot(page, 'page-providers');
    await page.locator('#provider-add').click();
    const d = dialog(page, 'Add Provider');
    await expect(d).toBeVisible();
    await d.getByLabel('Requires Authentication').check();
    await d.getByLabel('Host Name').fill('2001:db8::50');
    await audit(page, 'Add Provider');
    await shot(page, 'dialog-add-provider');
    await d.getByLabel('Provider URL').fill('https://2001:db8::50:9696');
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d.locator('#provider-url-error')).toBeVisible();
    await page.waitForTimeout(500); // the error color fades in
    await audit(page, 'Add Provider with errors');
    await shot(page, 'dialog-add-provider-errors');
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('a11y-provider');
    await d.getByRole('button', { name: 'Use https://[2001:db8::50]:9696' }).click();
    await expect(d.getByLabel('Provider URL')).toBeFocused();
    await d.getByLabel('Username').fill('admin@internal');
    await expect(d.getByLabel('Username')).toHaveValue('admin@internal');
    await d.getByRole('textbox', { name: 'Password', exact: true }).fill('secret');
    await d.getByRole('button', { name: 'Test' }).click();
    const q = dialog(page, 'Import provider certificate');
    await expect(q).toBeVisible();
    await audit(page, 'Import provider certificate');
    await shot(page, 'dialog-import-provider-certificate-a11y');
  });

  test('New Domain: NFS, iSCSI and errors', async ({ page }) => {
    await login(page, '/storage-domains');
    await expect(page.locator('#storage-table')).toBeVisible();
    await audit(page, 'Storage Domains');
    await shot(page, 'page-storage-domains');
    await page.locator('#storage-new').click();
    const d = dialog(page, 'New Domain');
    await expect(d.getByLabel('Host to Use')).toHaveValue(/.+/);
    await d.getByRole('button', { name: 'Custom Connection Parameters' }).click();
    await d.getByRole('button', { name: 'Advanced Parameters' }).click();
    await d.getByLabel('Export Path').fill('[2001:db8::5]:/exports/iso');
    await audit(page, 'New Domain (NFS)');
    await shot(page, 'dialog-new-domain-nfs-a11y');
    await d.getByLabel('Export Path').fill('2001:db8::5:/exports/iso');
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d.locator('#nfs-export-error')).toBeVisible();
    // PatternFly fades the helper text into its error color: audit after it.
    await page.waitForTimeout(500);
    await audit(page, 'New Domain with errors');
    await shot(page, 'dialog-new-domain-errors-a11y');
    await d.getByLabel('Storage Type').selectOption('iscsi');
    await d.getByLabel('Address').fill('2001:db8:200::50');
    await d.getByRole('button', { name: 'Discover' }).click();
    await expect(d.locator('#iscsi-targets-table')).toBeVisible({ timeout: 20_000 });
    await d.getByRole('button', { name: 'Login All' }).click();
    await expect(d.locator('#iscsi-luns-table')).toBeVisible({ timeout: 20_000 });
    await audit(page, 'New Domain (iSCSI)');
    await shot(page, 'dialog-new-domain-iscsi-a11y');
  });
});

test.describe('accessibility (axe): Virtual Machines', () => {
  test('the list, the details tabs, Migrate VM and Power Off', async ({ page }) => {
    await login(page, '/vms');
    await expect(page.locator('#vms-table tr[data-vm="web0"]')).toBeVisible();
    await page.getByText('Show link-local addresses').click();
    await audit(page, 'Virtual Machines');
    await page.getByRole('button', { name: 'IPv6 only' }).click();
    await audit(page, 'Virtual Machines, IPv6 only');
    await page.locator('#vms-table tr[data-vm="web0"]').getByRole('link', { name: 'web0' }).click();
    await expect(page.getByRole('heading', { name: 'web0', level: 1 })).toBeVisible();
    await audit(page, 'VM Network Interfaces');
    for (const tab of ['Console', 'Sessions']) {
      await page.getByRole('tab', { name: tab }).click();
      await audit(page, `VM ${tab}`);
    }
    const from = (await page.locator('#vm-host').textContent())!.trim();
    await page.getByRole('button', { name: 'Migrate' }).click();
    const d = dialog(page, 'Migrate VM web0');
    await expect(d.locator('#migrate-each li').first()).toBeVisible();
    await audit(page, 'Migrate VM (automatic)');
    await d.getByLabel('Destination Host').selectOption({ label: from === 'host0' ? 'host1' : 'host0' });
    await expect(d.locator('#migrate-family')).toHaveText('IPv6');
    await audit(page, 'Migrate VM');
    await d.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'Power Off' }).click();
    await expect(dialog(page, 'Power Off Virtual Machine(s)')).toBeVisible();
    await audit(page, 'Power Off Virtual Machine(s)');
    await shot(page, 'dialog-power-off-vm');
    await page.keyboard.press('Escape');
    await expect(dialog(page, 'Power Off Virtual Machine(s)')).toHaveCount(0);
  });
});

test.describe('accessibility (axe): IPv6 Readiness', () => {
  test('the IPv6 Readiness page, filtered, and a fix link', async ({ page }) => {
    await login(page, '/readiness');
    await expect(page.locator('#readiness-findings .v6-finding').first()).toBeVisible();
    await audit(page, 'IPv6 Readiness');
    await shot(page, 'page-readiness');
    await page.locator('#ready-severity').selectOption('blocker');
    await page.locator('#ready-kind').selectOption('attachment');
    await expect(page.locator('.v6-finding[data-severity="warning"]')).toHaveCount(0);
    await expect(page.locator('#readiness-objects tr[data-kind="host"]')).toHaveCount(0);
    await audit(page, 'IPv6 Readiness, filtered');
    await page.locator('.v6-finding[data-check="v6.attachment.autoconf-el8"] a.v6-fix-link').click();
    await expect(dialog(page, /Setup Host legacy1 Networks/)).toBeVisible();
    await audit(page, 'Setup Host Networks from a readiness fix');
  });
});
