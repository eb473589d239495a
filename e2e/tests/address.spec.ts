import { test, expect } from '@playwright/test';
import { openApp } from './app';

// The live "Hostname/IP" field: the shared validation code, compiled into
// the wasm, judges each keystroke.
test.describe('Hostname/IP live validation', () => {
  test.beforeEach(async ({ page }) => {
    await openApp(page);
  });

  const cases = [
    { input: '2001:0DB8:0:0::1', verdict: 'Valid IPv6 address', canonical: '2001:db8::1', scope: 'documentation' },
    { input: '[fe80::1%eth0]', verdict: 'Valid IPv6 address', canonical: 'fe80::1%eth0', scope: 'link-local' },
    { input: '::ffff:192.0.2.1', verdict: 'Valid IPv6 address', canonical: '::ffff:192.0.2.1', scope: 'IPv4-mapped' },
    { input: '192.168.10.5', verdict: 'Valid IPv4 address', canonical: '192.168.10.5', scope: 'private' },
  ];
  for (const c of cases) {
    test(`accepts ${c.input} and shows ${c.canonical} (${c.scope})`, async ({ page }) => {
      await page.fill('#host-address', c.input);
      await expect(page.locator('#host-address-verdict')).toHaveText(c.verdict);
      await expect(page.locator('#host-address-canonical')).toHaveText(c.canonical);
      await expect(page.locator('#host-address-scope')).toHaveText(c.scope);
      await expect(page.locator('#host-address')).toHaveAttribute('aria-invalid', 'false');
    });
  }

  test('accepts a host name without an address form', async ({ page }) => {
    await page.fill('#host-address', 'ovirt-node-1.lab.example.org');
    await expect(page.locator('#host-address-verdict')).toHaveText('Valid host name');
    await expect(page.locator('#host-address-canonical')).toHaveCount(0);
  });

  const refusals = [
    { input: '1:2:3:4:5:6:7:8:9::1', hint: /at most 7 other groups/ },
    { input: '256.1.1.1', hint: /read as an IPv4 address/ },
    { input: '2001:db8::1%eth0', hint: /only allowed on a link-local address/ },
    { input: '2001:db8::1/64', hint: /without \/64/ },
  ];
  for (const r of refusals) {
    test(`refuses ${r.input} with oVirt's message and a hint`, async ({ page }) => {
      await page.fill('#host-address', r.input);
      await expect(page.locator('#host-address-error')).toHaveText(
        'The given host address is neither a valid host name nor a valid IP address.');
      await expect(page.locator('#host-address-hint')).toHaveText(r.hint);
      await expect(page.locator('#host-address')).toHaveAttribute('aria-invalid', 'true');
    });
  }

  test('updates as you type, keystroke by keystroke', async ({ page }) => {
    const field = page.locator('#host-address');
    await field.pressSequentially('2001:db8::1');
    await expect(page.locator('#host-address-canonical')).toHaveText('2001:db8::1');
    await field.press('Backspace');
    await expect(page.locator('#host-address-canonical')).toHaveText('2001:db8::');
    await field.press('Backspace');
    await expect(page.locator('#host-address-error')).toBeVisible();
    await field.press(':');
    await field.pressSequentially(':1:2:3:4:5:6:7:8');
    await expect(page.locator('#host-address-error')).toBeVisible();
  });
});

test('the page and app.wasm are served over IPv6, compressed', async ({ page }) => {
  const wasm = page.waitForResponse((r) => r.url().includes('/web/app.wasm'));
  await openApp(page);
  const res = await wasm;
  expect(new URL(res.url()).hostname).toBe('[::1]');
  const headers = await res.allHeaders();
  expect(headers['content-encoding']).toBe('br');
  expect(headers['content-type']).toBe('application/wasm');
  expect(headers['cache-control']).toContain('immutable');
  await page.fill('#host-address', '[2001:DB8:0:0:0:0:0:10]');
  await expect(page.locator('#host-address-canonical')).toHaveText('2001:db8::10');
  await page.screenshot({ path: 'test-results/address-valid.png' });
  await page.fill('#host-address', '2001:db8::10/64');
  await expect(page.locator('#host-address-error')).toBeVisible();
  await page.screenshot({ path: 'test-results/address-invalid.png' });
});
