import { test, expect, Page } from '@playwright/test';
import { login, openNewHost, fillNewHost, hostRow, dialog, screenshotDir } from './app';

// Adding a host by each IPv6 text form: the list shows the RFC 5952 form
// and the scope, whatever was typed.
const forms: { form: string; name: string; input: string; canonical: string; scope: string }[] = [
  { form: 'full', name: 'v6-full', input: '2001:0db8:0000:0000:0000:0000:0000:00a1', canonical: '2001:db8::a1', scope: 'documentation' },
  { form: 'leading zeros dropped', name: 'v6-nozeros', input: '2001:db8:0:0:0:0:0:a5', canonical: '2001:db8::a5', scope: 'documentation' },
  { form: '::-compressed', name: 'v6-compressed', input: '2001:db8::a6', canonical: '2001:db8::a6', scope: 'documentation' },
  { form: 'mixed case', name: 'v6-mixed', input: '2001:DB8::A2', canonical: '2001:db8::a2', scope: 'documentation' },
  { form: 'bracketed', name: 'v6-bracketed', input: '[2001:db8::a3]', canonical: '2001:db8::a3', scope: 'documentation' },
  // An IPv4-mapped address is the IPv4 address it maps: stored as 192.0.2.44.
  { form: 'embedded IPv4', name: 'v6-embedded', input: '::ffff:192.0.2.44', canonical: '192.0.2.44', scope: 'documentation' },
];

async function addHost(page: Page, name: string, address: string) {
  const d = await openNewHost(page);
  await fillNewHost(d, name, address);
  await d.getByRole('button', { name: 'OK' }).click();
  const confirm = dialog(page, 'Power Management Configuration');
  await expect(confirm).toContainText("You haven't configured Power Management for this Host. Are you sure you want to continue?");
  await confirm.getByRole('button', { name: 'OK' }).click();
  await expect(d).toHaveCount(0);
}

test.describe('adding a host by each IPv6 form', () => {
  for (const f of forms) {
    test(`${f.form}: ${f.input} is listed as ${f.canonical} (${f.scope})`, async ({ page }) => {
      await login(page);
      const d = await openNewHost(page);
      await d.getByLabel('Hostname/IP').fill(f.input);
      // The field shows, as you type, what the server will store.
      await expect(d.locator('#host-address-canonical')).toHaveText(f.canonical);
      await expect(d.locator('#host-address-scope')).toHaveText(f.scope);
      await d.getByRole('button', { name: 'Cancel' }).click();
      await addHost(page, f.name, f.input);
      const row = hostRow(page, f.name);
      await expect(row.locator('td[data-label="Hostname/IP"] code')).toHaveText(f.canonical);
      await expect(row.locator('td[data-label="Hostname/IP"] .v6-scope')).toHaveText(f.scope);
      // The installation runs live: installing, then up.
      await expect(row.locator('td[data-label="Status"]')).toContainText(/Installing|Up/);
      await expect(row.locator('td[data-label="Status"]')).toContainText('Up', { timeout: 20_000 });
    });
  }
});

// Each refused form shows oVirt's message and a hint under the field, and
// OK sends nothing.
const refusals = [
  { input: '2001:db8::1/64', hint: /Remove \/64: this field takes a single address/ },
  { input: '1:2:3:4:5:6:7:8:9::1', hint: /at most 7 other groups|9 groups/ },
  { input: '2001:db8::1%eth0', hint: /only allowed on a link-local address/ },
  { input: '[2001:db8::1', hint: /must end with \]/ },
  { input: '2001:db8:::1', hint: /.+/ },
  { input: '256.1.1.1', hint: /read as an IPv4 address/ },
  { input: '[2001:db8::1]:22', hint: /without a port/ },
];

test.describe('refused host addresses', () => {
  for (const r of refusals) {
    test(`${r.input} is refused and OK does not submit`, async ({ page }) => {
      await login(page);
      let posted = 0;
      page.on('request', (req) => { if (req.method() === 'POST' && req.url().endsWith('/api/hosts')) posted++; });
      const d = await openNewHost(page);
      await fillNewHost(d, 'refused-host', r.input);
      const field = d.getByLabel('Hostname/IP');
      await field.press('Tab');
      await expect(d.locator('#host-address-error')).toHaveText('The given host address is neither a valid host name nor a valid IP address.');
      await expect(d.locator('#host-address-hint')).toHaveText(r.hint);
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAttribute('aria-describedby', 'host-address-help');
      await d.getByRole('button', { name: 'OK' }).click();
      await expect(d).toBeVisible();
      await expect(dialog(page, 'Power Management Configuration')).toHaveCount(0);
      await expect(field).toBeFocused();
      expect(posted).toBe(0);
    });
  }

  test('every invalid field is marked, with its tab, and Enter is OK', async ({ page }) => {
    await login(page);
    const d = await openNewHost(page);
    await d.getByRole('textbox', { name: 'Name', exact: true }).fill('bad name');
    await d.getByLabel('SSH Port').fill('70000');
    await d.getByLabel('SSH Port').press('Enter');
    await expect(d.locator('#host-name-error')).toHaveText("Name can contain only 'A-Z', 'a-z', '0-9', '_', '-' or '.' characters.");
    await expect(d.locator('#host-address-error')).toHaveText("This field can't be empty.");
    await expect(d.locator('#host-ssh-port-error')).toHaveText('This field must contain an integer number between 1 and 65535.');
    await expect(d.locator('#host-password-error')).toHaveText("This field can't be empty.");
    await expect(d.getByRole('tab', { name: /General/ })).toContainText('(has errors)');
    await expect(d.getByRole('textbox', { name: 'Name', exact: true })).toBeFocused();
  });

  test('server-side field errors show under their field', async ({ page }) => {
    await login(page);
    const d = await openNewHost(page);
    // host0 already has this address: only the engine knows.
    await fillNewHost(d, 'dup-address', '2001:db8:10::11');
    await d.getByRole('button', { name: 'OK' }).click();
    await dialog(page, 'Power Management Configuration').getByRole('button', { name: 'OK' }).click();
    await expect(d.locator('#host-address-error')).toContainText('same address');
    await expect(d.getByLabel('Hostname/IP')).toHaveAttribute('aria-invalid', 'true');
  });
});

test.describe('the Hosts list', () => {
  test('filters by name and by an address in any form', async ({ page }) => {
    await login(page);
    const filter = page.getByRole('searchbox', { name: /Filter hosts/ });
    await filter.fill('2001:DB8:10:0:0:0:0:11');
    await expect(hostRow(page, 'host0')).toBeVisible();
    await expect(hostRow(page, 'host1')).toHaveCount(0);
    await filter.fill('no-such-host');
    await expect(page.getByText('No host matches the filter')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filter' }).click();
    await expect(hostRow(page, 'host1')).toBeVisible();
    await expect(filter).toHaveValue(''); // the box empties too, not only the filter
  });

  test('Esc cancels the dialog and the focus returns to New', async ({ page }) => {
    await login(page);
    const d = await openNewHost(page);
    await expect(d.getByLabel('Host Cluster')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(d).toHaveCount(0);
    await expect(page.locator('#host-new')).toBeFocused();
  });

  test('Tab stays inside the dialog', async ({ page }) => {
    await login(page);
    const d = await openNewHost(page);
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      expect(await d.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }
  });

  test('Remove is disabled for an Up host, saying why; in Maintenance it asks first, then removes', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await login(page);
    // An active host cannot be removed (the engine would answer 409): Remove says why.
    await hostRow(page, 'host2').click();
    await expect(page.getByRole('button', { name: 'Remove' })).toBeDisabled();
    await expect(page.locator('#host-remove-why')).toHaveText('Remove: oVirt removes a host only in Maintenance. Switch host2 to Maintenance first.');
    await expect(page.locator('#host-remove')).toHaveAttribute('aria-describedby', 'host-remove-why');
    await page.screenshot({ path: `${screenshotDir}/hosts-1280.png` });
    let d;

    // A host installed without activation stays in maintenance: it goes.
    const nd = await openNewHost(page);
    await fillNewHost(nd, 'to-remove', '2001:db8::dead');
    await nd.getByLabel('Activate host after install').uncheck();
    await nd.getByRole('button', { name: 'OK' }).click();
    await dialog(page, 'Power Management Configuration').getByRole('button', { name: 'OK' }).click();
    const row = hostRow(page, 'to-remove');
    await expect(row.locator('td[data-label="Status"]')).toContainText('Maintenance', { timeout: 20_000 });
    await row.click();
    await expect(page.locator('#host-remove-why')).toBeHidden();
    await page.getByRole('button', { name: 'Remove' }).click();
    d = dialog(page, 'Remove Host(s)');
    await expect(d).toContainText('Are you sure you want to remove the following items?');
    await expect(d).toContainText('to-remove');
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d).toHaveCount(0);
    await expect(row).toHaveCount(0);
  });
});

test.describe('host lifecycle', () => {
  test('an Up host goes to maintenance, is activated again, then goes to maintenance and is removed', async ({ page }) => {
    await login(page);
    await addHost(page, 'v6-lifecycle', '2001:db8::1fe');
    const row = hostRow(page, 'v6-lifecycle');
    const status = row.locator('td[data-label="Status"]');
    await expect(status).toContainText('Up', { timeout: 20_000 });
    await row.click();
    await expect(page.getByRole('button', { name: 'Activate' })).toBeDisabled();
    await page.getByRole('button', { name: 'Maintenance' }).click();
    let d = dialog(page, 'Maintenance Host(s)');
    await expect(d).toContainText('Are you sure you want to place the following host(s) into maintenance mode?');
    await expect(d).toContainText('v6-lifecycle');
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d).toHaveCount(0);
    await expect(status).toContainText('Maintenance');
    await expect(page.getByRole('button', { name: 'Maintenance' })).toBeDisabled();
    await page.getByRole('button', { name: 'Activate' }).click();
    await expect(status).toContainText('Up');
    await page.getByRole('button', { name: 'Maintenance' }).click();
    await dialog(page, 'Maintenance Host(s)').getByRole('button', { name: 'OK' }).click();
    await expect(status).toContainText('Maintenance');
    await page.getByRole('button', { name: 'Remove' }).click();
    d = dialog(page, 'Remove Host(s)');
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d).toHaveCount(0);
    await expect(row).toHaveCount(0);
  });

  test('Edit Host changes the SSH port; the cluster is locked while the host is up', async ({ page }) => {
    await login(page);
    await hostRow(page, 'host1').click();
    await page.getByRole('button', { name: 'Edit' }).click();
    const d = dialog(page, 'Edit Host');
    await expect(d.getByLabel('SSH Port')).toHaveValue('22');
    await expect(d.getByLabel('Host Cluster')).toBeDisabled();
    await expect(d).toContainText('Switch the host to Maintenance mode to change its cluster.');
    await expect(d.getByLabel('Host Cluster').locator('optgroup')).toHaveAttribute('label', /^Data Center: \S+/);
    await d.getByLabel('SSH Port').fill('2222');
    await d.getByRole('button', { name: 'OK' }).click(); // host1 has power management: no question
    await expect(d).toHaveCount(0);
    await page.getByRole('button', { name: 'Edit' }).click();
    await expect(dialog(page, 'Edit Host').getByLabel('SSH Port')).toHaveValue('2222');
    await dialog(page, 'Edit Host').getByRole('button', { name: 'Cancel' }).click();
  });
});

test('adding a host by SSH public key shows the engine key and needs no password', async ({ page }) => {
  await login(page);
  const d = await openNewHost(page);
  await d.getByRole('textbox', { name: 'Name', exact: true }).fill('v6-pubkey');
  await d.getByLabel('Hostname/IP').fill('2001:db8::5c');
  await d.getByRole('radio', { name: 'SSH Public Key' }).check();
  const key = d.locator('#host-pubkey');
  await expect(key).toHaveValue(/^ssh-ed25519 [A-Za-z0-9+/=]+ ovirt-engine$/);
  await expect(key).toHaveAttribute('readonly', '');
  await expect(d).toContainText('For allowing PK authentication, copy the following PK to host under /root/.ssh/authorized_keys');
  await expect(d.locator('#host-password')).toHaveCount(0);
  await d.getByRole('button', { name: 'OK' }).click();
  await dialog(page, 'Power Management Configuration').getByRole('button', { name: 'OK' }).click();
  await expect(d).toHaveCount(0);
  await expect(hostRow(page, 'v6-pubkey').locator('td[data-label="Status"]')).toContainText('Up', { timeout: 20_000 });
});
