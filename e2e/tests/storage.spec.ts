import { test, expect, Page } from '@playwright/test';
import { login, dialog, screenshotDir } from './app';

async function openNewDomain(page: Page) {
  await login(page, '/storage-domains');
  await expect(page.locator('#storage-table')).toBeVisible();
  await page.locator('#storage-new').click();
  const d = dialog(page, 'New Domain');
  await expect(d).toBeVisible();
  await expect(d.getByLabel('Host to Use')).toHaveValue(/.+/);
  return d;
}

test.describe('New Domain', () => {
  test('an NFS domain at [2001:db8::5]:/exports/data', async ({ page }) => {
    const d = await openNewDomain(page);
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('nfs-lab');
    await d.getByLabel('Export Path').fill('[2001:db8::5]:/exports/data');
    await expect(d.locator('#nfs-export-server')).toHaveText('[2001:db8::5]');
    await expect(d.locator('#nfs-export-dir')).toHaveText('/exports/data');
    await d.getByRole('button', { name: 'Custom Connection Parameters' }).click();
    await expect(d.getByLabel('NFS Version')).toHaveValue('auto');
    await d.getByRole('button', { name: 'Advanced Parameters' }).click();
    await expect(d.getByLabel('Warning Low Space Indicator (%)')).toHaveValue('10');
    await expect(d.getByLabel('Critical Space Action Blocker (GB)')).toHaveValue('5');
    await page.screenshot({ path: `${screenshotDir}/dialog-new-domain-nfs.png` });
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d).toHaveCount(0, { timeout: 30_000 });
    const row = page.locator('#storage-table tr[data-domain="nfs-lab"]');
    await expect(row.locator('td[data-label="Server"] code')).toHaveText('2001:db8::5');
    await expect(row.locator('td[data-label="Path"]')).toHaveText('/exports/data');
  });

  test('a bare IPv6 NFS server gets the bracket hint; invalid forms do not submit', async ({ page }) => {
    const d = await openNewDomain(page);
    let posted = 0;
    page.on('request', (req) => { if (req.method() === 'POST' && req.url().includes('/api/storage-domains/')) posted++; });
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('bad name');
    const exp = d.getByLabel('Export Path');
    await exp.fill('2001:db8::5:/exports/data');
    await exp.press('Tab');
    await expect(d.locator('#nfs-export-error')).toHaveText('NFS mount path is illegal, please use [IP:/path or FQDN:/path] convention.');
    await expect(d.locator('#nfs-export-hint')).toContainText('[2001:db8::5]:/exports/data');
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d.locator('#sd-name-error')).toHaveText("Name can contain only 'A-Z', 'a-z', '0-9', '_' or '-' characters, max length: 50");
    await page.screenshot({ path: `${screenshotDir}/dialog-new-domain-errors.png` });
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('nfs-data');
    await exp.fill('[2001:db8::5]:/exports/data');
    await d.getByRole('button', { name: 'Custom Connection Parameters' }).click();
    await d.getByLabel('Timeout (deciseconds)').fill('6001');
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d.locator('#sd-name-error')).toHaveText('Name is already used in the environment, create new unique name.');
    await expect(d.locator('#nfs-timeout-error')).toHaveText('This field must contain an integer number between 1 and 6000.');
    await d.getByLabel('Storage Type').selectOption('iscsi');
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('iscsi-x');
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d.locator('#iscsi-luns-error')).toHaveText('No LUNs selected. Please select LUNs.');
    await expect(d).toBeVisible();
    expect(posted).toBe(0);
  });

  test('mount options follow the engine: spaces are fine, a managed option in any case is refused', async ({ page }) => {
    const d = await openNewDomain(page);
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('nfs-opts');
    await d.getByLabel('Export Path').fill('[2001:db8::5]:/exports/export');
    await d.getByRole('button', { name: 'Custom Connection Parameters' }).click();
    const opts = d.getByLabel('Additional mount options');
    await opts.fill('rsize=1048576, Timeo=5');
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d.locator('#nfs-mount-options-error')).toHaveText(
      'Custom mount options contain the following duplicate managed options: timeo.');
    await expect(d).toBeVisible();
    await d.locator('#nfs-mount-options-error').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}/dialog-new-domain-mount-options.png` });
    await opts.fill('rsize=1048576, wsize=1048576');
    await expect(d.locator('#nfs-mount-options-error')).toHaveCount(0);
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d).toHaveCount(0, { timeout: 30_000 });
    await expect(page.locator('#storage-table tr[data-domain="nfs-opts"]')).toBeVisible();
  });

  test('an iSCSI domain discovered at 2001:db8:200::50, logged in, with a LUN', async ({ page }) => {
    const d = await openNewDomain(page);
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('iscsi-lab');
    await d.getByLabel('Storage Type').selectOption('iscsi');
    await expect(d.getByRole('textbox', { name: 'Port', exact: true })).toHaveValue('3260');
    // The empty portal answers with oVirt's message.
    await d.getByLabel('Address').fill('2001:db8:200::51');
    await d.getByRole('button', { name: 'Discover' }).click();
    await expect(d.locator('#iscsi-message')).toContainText('No new devices were found.', { timeout: 20_000 });
    await d.getByLabel('Address').fill('2001:db8:200::50');
    await d.getByRole('button', { name: 'Discover' }).click();
    const target = d.locator('#iscsi-targets-table tr[data-target="iqn.2014-07.org.ovirt:storage"]');
    await expect(target).toBeVisible({ timeout: 20_000 });
    await expect(target.locator('td[data-label="Address"] code')).toHaveText('2001:db8:200::50');
    await expect(target.locator('td[data-label="Port"]')).toHaveText('3260');
    // The host may already be logged in to the target (an earlier test of
    // this run did it); then the dialog lists the LUNs straight away.
    const login = target.getByRole('button', { name: /Login to/ });
    if (await login.count()) await login.click();
    await expect(target).toContainText('Logged in', { timeout: 20_000 });
    const luns = d.locator('#iscsi-luns-table tbody tr');
    await expect(luns.first()).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: `${screenshotDir}/dialog-new-domain-iscsi.png` });
    await luns.locator('input[type="checkbox"]:not([disabled])').first().check();
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d).toHaveCount(0, { timeout: 30_000 });
    await expect(page.locator('#storage-table tr[data-domain="iscsi-lab"]')).toBeVisible();
  });
});
