import { test, expect, Locator, Page } from '@playwright/test';
import { login, hostRow, dialog, screenshotDir } from './app';

// A disabled field must look disabled and say why (issue 11, Wrong 10):
// PatternFly's disabled control (not white), no required mark, no
// valid/invalid state, and a helper text with the reason.
async function expectDisabled(d: Locator, id: string, reason: RegExp | string) {
  const input = d.locator(`#${id}`);
  await expect(input).toBeDisabled();
  const group = d.locator(`.pf-v6-c-form__group:has(> .pf-v6-c-form__group-control > .pf-v6-c-form-control > #${id})`);
  const control = d.locator(`.pf-v6-c-form-control:has(> #${id})`);
  await expect(control).toHaveClass(/pf-m-disabled/);
  await expect(control).not.toHaveClass(/pf-m-success|pf-m-error/);
  await expect(group.locator('.pf-v6-c-form__label-required')).toHaveCount(0);
  await expect(input).not.toHaveAttribute('required', /.*/);
  await expect(d.locator(`#${id}-disabled`)).toHaveText(reason);
  await expect(input).toHaveAttribute('aria-describedby', `${id}-help`);
  const bg = await control.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bg).not.toBe('rgb(255, 255, 255)');
}

async function toMaintenance(page: Page, name: string) {
  const row = hostRow(page, name);
  await row.click();
  await page.getByRole('button', { name: 'Maintenance' }).click();
  await dialog(page, 'Maintenance Host(s)').getByRole('button', { name: 'OK' }).click();
  await expect(row.locator('td[data-label="Status"]')).toContainText('Maintenance', { timeout: 20_000 });
}

test.describe('disabled fields look disabled and say why', () => {

  test("Edit Host in Maintenance: the address, by the engine's rule", async ({ page }) => {
    await login(page);
    await toMaintenance(page, 'host2');
    await page.getByRole('button', { name: 'Edit' }).click();
    const d = dialog(page, 'Edit Host');
    await expect(d.getByLabel('Hostname/IP')).not.toHaveValue('');
    await expectDisabled(d, 'host-address', /only after a failed installation/);
    // The cluster can change in Maintenance.
    await expect(d.getByLabel('Host Cluster')).toBeEnabled();
    await page.screenshot({ path: `${screenshotDir}/edit-host-maintenance-1280.png` });
    await d.getByRole('button', { name: 'Cancel' }).click();
    await hostRow(page, 'host2').click();
    await page.getByRole('button', { name: 'Activate' }).click();
  });

  test('provider credentials before Requires Authentication', async ({ page }) => {
    await login(page, '/providers');
    await page.locator('#provider-add').click();
    const d = dialog(page, 'Add Provider');
    await expect(d).toBeVisible();
    await expect(d.getByLabel('Requires Authentication')).not.toBeChecked();
    await expectDisabled(d, 'provider-username', 'Check Requires Authentication to enter it.');
    await expectDisabled(d, 'provider-password', 'Check Requires Authentication to enter it.');
    await d.getByLabel('Requires Authentication').check();
    await expect(d.locator('#provider-username')).toBeEnabled();
    await expect(d.locator('#provider-username-disabled')).toHaveCount(0);
  });

  test('iSCSI CHAP before User Authentication', async ({ page }) => {
    await login(page, '/storage-domains');
    await page.locator('#storage-new').click();
    const d = dialog(page, 'New Domain');
    await d.getByLabel('Storage Type').selectOption('iscsi');
    await expectDisabled(d, 'iscsi-chap-user', 'Check User Authentication to enter CHAP credentials.');
    await expectDisabled(d, 'iscsi-chap-password', 'Check User Authentication to enter CHAP credentials.');
    await d.getByLabel('User Authentication').check();
    await expect(d.locator('#iscsi-chap-user')).toBeEnabled();
  });

  test('Edit Network under Boot Protocol None', async ({ page }) => {
    await login(page);
    await hostRow(page, 'host0').getByRole('link', { name: 'host0' }).click();
    await page.getByRole('button', { name: 'Setup Host Networks' }).click();
    const s = dialog(page, 'Setup Host host0 Networks');
    await s.locator('.v6-sn-chip--net[data-network="display"] .v6-sn-edit').click();
    const e = dialog(page, /Edit (Management )?Network:? display$/);
    await e.getByRole('tab', { name: 'IPv6' }).click();
    await e.locator('#net-ipv6-proto-none').check();
    await expectDisabled(e, 'net-ipv6-address', /Only the Static boot protocol takes an address; None does not/);
    await page.screenshot({ path: `${screenshotDir}/edit-network-none-1280.png` });
  });
});
