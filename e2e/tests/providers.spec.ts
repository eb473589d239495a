import { test, expect, Page } from '@playwright/test';
import { login, dialog, screenshotDir } from './app';

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
    await page.screenshot({ path: `${screenshotDir}/dialog-import-provider-certificate.png` });
    await q.getByRole('button', { name: 'Yes' }).click();
    await expect(d.locator('#provider-test-result')).toContainText('Test succeeded, managed to access provider.', { timeout: 20_000 });
    await page.screenshot({ path: `${screenshotDir}/dialog-add-provider-tested.png` });
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
