import { test, expect, Locator } from '@playwright/test';
import { login, openApp, openNewHost } from './app';

// The live "Hostname/IP" field of the New Host dialog: the shared validation
// code, compiled into the wasm, judges each keystroke.
test.describe('Hostname/IP live validation', () => {
  let d: Locator;
  test.beforeEach(async ({ page }) => {
    await login(page);
    d = await openNewHost(page);
  });

  const cases = [
    { input: '2001:0DB8:0:0::1', verdict: 'Valid IPv6 address', canonical: '2001:db8::1', scope: 'documentation' },
    { input: '[fe80::1%eth0]', verdict: 'Valid IPv6 address', canonical: 'fe80::1%eth0', scope: 'link-local' },
    { input: '::ffff:192.0.2.1', verdict: 'Valid IPv4 address, written IPv4-mapped', canonical: '192.0.2.1', scope: 'documentation' },
    { input: '2606:4700::1111', verdict: 'Valid IPv6 address', canonical: '2606:4700::1111', scope: 'global' },
    { input: 'fd00:1::5', verdict: 'Valid IPv6 address', canonical: 'fd00:1::5', scope: 'unique-local' },
    { input: '192.168.10.5', verdict: 'Valid IPv4 address', canonical: '192.168.10.5', scope: 'private' },
  ];
  for (const c of cases) {
    test(`accepts ${c.input} and shows ${c.canonical} (${c.scope})`, async () => {
      await d.getByLabel('Hostname/IP').fill(c.input);
      await expect(d.locator('#host-address-verdict')).toHaveText(c.verdict);
      await expect(d.locator('#host-address-canonical')).toHaveText(c.canonical);
      await expect(d.locator('#host-address-scope')).toHaveText(c.scope);
      await expect(d.getByLabel('Hostname/IP')).toHaveAttribute('aria-invalid', 'false');
    });
  }

  test('accepts a host name without an address form', async () => {
    await d.getByLabel('Hostname/IP').fill('ovirt-node-1.lab.example.org');
    await expect(d.locator('#host-address-verdict')).toHaveText('Valid host name');
    await expect(d.locator('#host-address-canonical')).toHaveCount(0);
  });

  test('waits for a pause before calling a half-typed address wrong, and clears the error at once', async ({ page }) => {
    const field = d.getByLabel('Hostname/IP');
    await field.pressSequentially('2001:db8::1');
    await expect(d.locator('#host-address-canonical')).toHaveText('2001:db8::1');
    await field.press('Backspace');
    await expect(d.locator('#host-address-canonical')).toHaveText('2001:db8::');
    await field.press('Backspace');
    // "2001:db8:" is wrong, but the user is typing: the error comes after
    // a pause (debounced), and is gone as soon as the value is right.
    await expect(d.locator('#host-address-error')).toBeVisible();
    await field.press(':');
    await expect(d.locator('#host-address-error')).toHaveCount(0);
    await field.pressSequentially(':1:2:3:4:5:6:7:8');
    await expect(d.locator('#host-address-error')).toBeVisible();
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#host-address-help')).toHaveAttribute('aria-live', 'polite');
  });
});

test('the page and app.wasm are served over IPv6, compressed', async ({ page }) => {
  const wasm = page.waitForResponse((r) => r.url().includes('/web/app.wasm'));
  await openApp(page, '/login');
  const res = await wasm;
  expect(new URL(res.url()).hostname).toBe('[::1]');
  expect(new URL(page.url()).hostname).toBe('[::1]');
  const headers = await res.allHeaders();
  expect(headers['content-encoding']).toBe('br');
  expect(headers['content-type']).toBe('application/wasm');
  expect(headers['cache-control']).toContain('immutable');
  // Every resource of the UI comes from the same IPv6 origin: no remote URL.
  const origins = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).origin));
  for (const o of origins) expect(o).toBe(new URL(page.url()).origin);
});
