import { test, expect, Page } from '@playwright/test';
import { login, dialog, screenshotDir } from './app';

// Screenshots at 1280x800.

async function openAddProvider(page: Page) {
  await login(page, '/providers');
  await expect(page.locator('#providers-table')).toBeVisible();
  await page.locator('#provider-add').click();
  const d = dialog(page, 'Add Provider');
  await expect(d).toBeVisible();
  return d;
}

test.describe('Add Provider', () => {
  test('an IPv6 network provider with Test: certificate prompt, Yes, succeeded', async ({ page }) => {
    const d = await openAddProvider(page);
    // The type's default URL.
    await expect(d.getByLabel('Provider URL')).toHaveValue('http://localhost:9696');
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('lab-ovn');
    await d.getByLabel('Provider URL').fill('https://[2001:db8::50]:9696');
    await d.getByLabel('Requires Authentication').check();
    await d.getByLabel('Username').fill('admin@internal');
    await d.getByRole('textbox', { name: 'Password', exact: true }).fill('secret');
    await d.getByLabel('Host Name').fill('2001:db8::50');
    // The authentication URL, composed with brackets as you type.
    await expect(d.getByLabel('Authentication URL')).toHaveValue('https://[2001:db8::50]:35357/v2.0');
    await d.getByRole('button', { name: 'Test' }).click();
    const q = dialog(page, 'Import provider certificate');
    await expect(q).toBeVisible();
    await expect(q).toContainText('SHA-256 fingerprint');
    await expect(q).toContainText(/Subject: .+/);
    // No is the default.
    await expect(q.getByRole('button', { name: 'No' })).toBeFocused();
    // Which certificate would be imported, and why it is asked.
    await expect(q).toContainText('Certificate 1 of 1 of the chain');
    await expect(q).toContainText('only this one is imported');
    await expect(q).toContainText('The test failed: Failed to communicate with the external provider');
    await page.screenshot({ path: `${screenshotDir}/dialog-import-provider-certificate.png` });
    await q.getByRole('button', { name: 'Yes' }).click();
    await expect(d.locator('#provider-test-result')).toContainText('Test succeeded, managed to access provider.', { timeout: 20_000 });
    await expect(d.locator('#provider-test-imported')).toContainText('Imported the certificate CN=ovirt-provider-ovn');
    await d.locator('#provider-test-result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}/dialog-add-provider-tested.png` });
    // Once imported, Test does not ask again.
    await d.getByRole('button', { name: 'Test' }).click();
    await expect(d.locator('#provider-test-result')).toContainText('Test succeeded, managed to access provider.', { timeout: 20_000 });
    await expect(d.locator('#provider-test-imported')).toHaveCount(0);
    await expect(q).toHaveCount(0);
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d).toHaveCount(0);
    const row = page.locator('#providers-table tr[data-provider="lab-ovn"]');
    await expect(row.locator('td[data-label="Provider URL"] code')).toHaveText('https://[2001:db8::50]:9696');
    await expect(row.locator('td[data-label="Provider URL"] .v6-scope')).toHaveText('documentation');
  });

  test('a bare IPv6 URL is corrected by the hint', async ({ page }) => {
    const d = await openAddProvider(page);
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('bare-v6');
    const url = d.getByLabel('Provider URL');
    await url.fill('https://2001:db8::51');
    await url.press('Tab');
    await expect(d.locator('#provider-url-error')).toHaveText('Given URI is of an invalid format.');
    await expect(d.locator('#provider-url-hint')).toContainText('square brackets');
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await page.screenshot({ path: `${screenshotDir}/dialog-add-provider-bracket-hint.png` });
    await d.getByRole('button', { name: 'Use https://[2001:db8::51]' }).click();
    await expect(url).toHaveValue('https://[2001:db8::51]');
    await expect(d.locator('#provider-url-error')).toHaveCount(0);
    await expect(url).toHaveAttribute('aria-invalid', 'false');
  });

  test('the type changes the default URL; an invalid form does not submit', async ({ page }) => {
    const d = await openAddProvider(page);
    let posted = 0;
    page.on('request', (req) => { if (req.method() === 'POST' && req.url().endsWith('/api/providers')) posted++; });
    await d.getByLabel('Type').selectOption('foreman');
    await expect(d.getByLabel('Provider URL')).toHaveValue('http://localhost');
    await expect(d.getByLabel('Host Name')).toHaveCount(0);
    await d.getByLabel('Type').selectOption('external');
    await expect(d.getByLabel('Provider URL')).toHaveValue('http://localhost:9696');
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d.locator('#provider-name-error')).toHaveText("This field can't be empty.");
    await expect(d.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused();
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('p1');
    await d.getByLabel('Requires Authentication').check();
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d.locator('#provider-username-error')).toHaveText("This field can't be empty.");
    await d.getByLabel('Host Name').fill('2001:db8::1/64');
    await d.getByLabel('Host Name').press('Tab');
    await expect(d.locator('#provider-host-name-error')).toHaveText('The given host address is neither a valid host name nor a valid IP address.');
    await expect(d).toBeVisible();
    expect(posted).toBe(0);
  });
});

// rowNames is the names in the Providers list, read again from the server.
async function rowNames(page: Page): Promise<string[]> {
  await page.reload();
  await expect(page.locator('#app-wasm-loader')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.locator('#providers-table tr[data-provider]').first()).toBeVisible();
  return page.locator('#providers-table tr[data-provider]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-provider') || ''));
}

test.describe('Test saves nothing', () => {
  test('Add → Test → Cancel leaves the list unchanged', async ({ page }) => {
    const d = await openAddProvider(page);
    const before = await page.locator('#providers-table tr[data-provider]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-provider')));
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('tested-only');
    await d.getByLabel('Provider URL').fill('http://[2001:db8::51]:9696');
    await d.getByRole('button', { name: 'Test' }).click();
    await expect(d.locator('#provider-test-result')).toContainText('Test succeeded, managed to access provider.', { timeout: 20_000 });
    await expect(d.locator('#provider-test-tested')).toContainText('through a temporary provider (v6admin-test-');
    await expect(d.locator('#provider-test-tested')).toContainText('Nothing was saved.');
    await d.getByRole('button', { name: 'Cancel' }).click();
    await expect(d).toHaveCount(0);
    const after = await rowNames(page);
    expect(after).toEqual(before);
    expect(after.join(' ')).not.toContain('v6admin-test-');
  });

  test('Edit → change a field → Test → Cancel leaves the saved provider unchanged', async ({ page }) => {
    await login(page, '/providers');
    const row = page.locator('#providers-table tr[data-provider="ovirt-provider-ovn"]');
    await row.click();
    await page.locator('#provider-edit').click();
    let d = dialog(page, 'Edit Provider');
    await expect(d).toBeVisible();
    const desc = d.getByLabel('Description');
    const saved = await desc.inputValue();
    await desc.fill('changed by Test only');
    await d.getByRole('button', { name: 'Test' }).click();
    // Same connection settings, stored password: the saved provider is tested.
    await expect(d.locator('#provider-test-result')).toContainText('Test succeeded, managed to access provider.', { timeout: 20_000 });
    await expect(d.locator('#provider-test-tested')).toContainText('Tested the saved provider');
    await d.locator('#provider-test-result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}/dialog-edit-provider-tested.png` });
    // A changed connection setting needs the password the engine never returns.
    await d.getByLabel('Username').fill('someone@internal');
    await d.getByRole('button', { name: 'Test' }).click();
    await expect(d.locator('#provider-test-result')).toContainText('Enter the password to test the changed settings');
    await expect(d.getByRole('textbox', { name: 'Password', exact: true })).toBeFocused();
    await d.locator('#provider-test-result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}/dialog-edit-provider-test-needs-password.png` });
    await d.getByRole('button', { name: 'Cancel' }).click();
    await expect(d).toHaveCount(0);
    await rowNames(page);
    await page.locator('#providers-table tr[data-provider="ovirt-provider-ovn"]').click();
    await page.locator('#provider-edit').click();
    d = dialog(page, 'Edit Provider');
    await expect(d.getByLabel('Description')).toHaveValue(saved);
    await expect(d.getByLabel('Username')).toHaveValue('admin@internal');
  });
});

test.describe('Test tells the truth', () => {
  test("an unreachable provider: the engine's reason, and no certificate question", async ({ page }) => {
    const d = await openAddProvider(page);
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('gone');
    await d.getByLabel('Provider URL').fill('https://[2001:db8::99]:9696');
    await d.getByRole('button', { name: 'Test' }).click();
    const res = d.locator('#provider-test-result');
    await expect(res).toContainText('No service answers at https://[2001:db8::99]:9696.', { timeout: 20_000 });
    await expect(res).not.toContainText('unknown error');
    await expect(d.locator('#provider-test-cert')).toContainText('The engine could not read a certificate from https://[2001:db8::99]:9696');
    await expect(dialog(page, 'Import provider certificate')).toHaveCount(0);
    await d.locator('#provider-test-result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}/dialog-add-provider-test-unreachable.png` });
  });

  test('the URL field confirms a valid URL; the port stays outside the brackets; no nonsense authentication URL', async ({ page }) => {
    const d = await openAddProvider(page);
    const url = d.getByLabel('Provider URL');
    await url.fill('https://2001:db8::50:9696');
    await url.press('Tab');
    await expect(d.locator('#provider-url-hint')).toContainText('https://[2001:db8::50]:9696.');
    await expect(d.locator('#provider-url-fix-0')).toHaveText('Use https://[2001:db8::50]:9696');
    await d.locator('#provider-url-fix-0').click();
    await expect(url).toHaveValue('https://[2001:db8::50]:9696');
    await expect(d.locator('#provider-url-verdict')).toHaveText('Valid URL');
    await expect(d.locator('#provider-url-canonical')).toHaveText('https://[2001:db8::50]:9696');
    await expect(d.locator('#provider-url-host')).toHaveText('2001:db8::50');
    await expect(d.locator('#provider-url-scope')).toHaveText('documentation');
    await url.fill('HTTPS://[2001:DB8:0::50]:9696');
    await expect(d.locator('#provider-url-canonical')).toHaveText('https://[2001:db8::50]:9696');
    await d.getByLabel('Requires Authentication').check();
    const host = d.getByLabel('Host Name');
    const auth = d.getByLabel('Authentication URL');
    for (const bad of ['2001:db8::1/64', '2001:db8::50::1', '[2001:db8::50]:35357', 'fe80::1%eth0']) {
      await host.fill(bad);
      await expect(auth).toHaveValue('');
      await expect(auth).toHaveAttribute('placeholder', /none until the Host Name is valid/);
    }
    await host.fill('2001:DB8::50');
    await expect(auth).toHaveValue('https://[2001:db8::50]:35357/v2.0');
    await page.screenshot({ path: `${screenshotDir}/dialog-add-provider-url-verdict.png` });
  });
});
