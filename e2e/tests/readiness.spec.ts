import { test, expect, Page, Locator } from '@playwright/test';
import { login, dialog, screenshotDir } from './app';

// The IPv6 Readiness page on the seeded lab (dual-stack lab + cluster
// Legacy), where every check fires at least once.

// The check ids of package readiness (readiness.Checks), stable by contract.
const CHECKS = [
  'v6.address.ipv4-literal', 'v6.address.name-a-only', 'v6.address.name-a-and-aaaa', 'v6.address.name-unresolved',
  'v6.address.duplicate-ipv6', 'v6.network.role-no-global-ipv6', 'v6.network.link-local-only',
  'v6.network.migration-uses-ipv4', 'v6.network.display-uses-ipv4', 'v6.network.gateway-not-default-route',
  'v6.network.default-route-no-ipv6-gateway', 'v6.network.unspecified-gateway', 'v6.network.mtu-below-1280',
  'v6.attachment.ipv6-boot-none', 'v6.attachment.autoconf-el8', 'v6.attachment.ipv6-out-of-sync', 'v6.vm.no-global-ipv6',
];

async function openReadiness(page: Page) {
  await login(page, '/readiness');
  await expect(page.getByRole('heading', { name: 'IPv6 Readiness', level: 1 })).toBeVisible();
  await expect(page.locator('#readiness-findings .v6-finding').first()).toBeVisible();
}

// finding is the card of a check on an object (by the object's name).
function finding(page: Page, check: string, object?: string): Locator {
  const f = page.locator(`.v6-finding[data-check="${check}"]`);
  return object ? f.filter({ hasText: object }) : f;
}

// back returns to the readiness page through the navigation.
async function back(page: Page) {
  await page.getByRole('navigation', { name: 'Global' }).getByRole('link', { name: 'IPv6 Readiness' }).click();
  await expect(page.locator('#readiness-findings .v6-finding').first()).toBeVisible();
}

test.describe('IPv6 Readiness', () => {
  test('shows the engine, the score chart and every seeded check, blockers first', async ({ page }) => {
    await openReadiness(page);
    await expect(page).toHaveTitle('IPv6 Readiness - v6admin');
    await expect(page.locator('#readiness-engine-url')).toContainText('http://[::1]:');
    await expect(page.locator('#readiness-engine .v6-scope')).toHaveText('loopback');
    for (const id of CHECKS) {
      expect(await finding(page, id).count(), `check ${id} on the page`).toBeGreaterThan(0);
    }
    // Blockers first, then warnings.
    await expect(page.locator('#readiness-blockers .v6-finding[data-severity="warning"]')).toHaveCount(0);
    await expect(page.locator('#readiness-warnings .v6-finding[data-severity="blocker"]')).toHaveCount(0);
    expect(await page.locator('#readiness-blockers .v6-finding').count()).toBeGreaterThan(0);
    // Each finding says what, why and how.
    const host2 = finding(page, 'v6.address.ipv4-literal', 'host2');
    await expect(host2).toContainText('Host host2 is addressed by the IPv4 literal 192.0.2.13.');
    await expect(host2.locator('dd').nth(1)).toContainText('vdsm');
    await expect(host2.locator('dd').nth(2)).toContainText('Edit Host');
    // The chart: one bar per data center and one overall, counts by family.
    const chart = page.locator('svg#readiness-chart');
    await expect(chart).toHaveAttribute('role', 'img');
    await expect(chart.locator('g.v6-chart__row')).toHaveCount(2);
    const overall = chart.locator('g.v6-chart__row[data-dc=""]');
    const total = Number(await overall.getAttribute('data-total'));
    let sum = 0;
    for (const seg of await overall.locator('rect.v6-chart__seg').all()) sum += Number(await seg.getAttribute('data-count'));
    expect(sum).toBe(total);
    await expect(page.locator('#readiness-chart-desc')).toContainText('Overall:');
    // Objects per data center, with families and RFC 5952 addresses.
    const host0 = page.locator('#objects-dc-Default tr[data-kind="host"]').filter({ hasText: 'host0' });
    await expect(host0.locator('.v6-family')).toHaveText('Dual-stack');
    await expect(host0).toContainText('2001:db8:10::11');
    // Providers are outside the data centers (other tests may add some).
    const neutron = page.locator('#objects-other tr[data-kind="provider"]').filter({ hasText: 'legacy-neutron' });
    await expect(neutron.locator('.v6-family')).toHaveText('IPv4 only');
    await expect(neutron).toContainText('198.51.100.70');
    await expect(page.locator('#readiness-objects tr[data-kind="network"][data-object] .v6-role[data-role="management"]').first()).toBeVisible();
    // The out-of-sync attachment's diff, both sides RFC 5952.
    const oos = finding(page, 'v6.attachment.ipv6-out-of-sync').first();
    const diff = oos.locator('table.v6-ready-diff tr[data-field="ipv6_address"]');
    await expect(diff.locator('[data-side="expected"]')).toHaveText('2001:db8:300::122');
    await expect(diff.locator('[data-side="actual"]')).toHaveText('2001:db8:300::222');
    await page.screenshot({ path: `${screenshotDir}/readiness-top.png` });
    await page.locator('#readiness-findings').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}/readiness-findings.png` });
    await oos.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}/readiness-diff.png` });
    await page.locator('#readiness-objects').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${screenshotDir}/readiness-objects.png` });
  });

  test('each fix opens the dialog that fixes it', async ({ page }) => {
    await openReadiness(page);
    // Edit Host on the host addressed by an IPv4 literal.
    await finding(page, 'v6.address.ipv4-literal', 'host2').locator('a.v6-fix-link').click();
    await expect(page).toHaveURL(/\/hosts\?edit=/);
    const edit = dialog(page, 'Edit Host');
    await expect(edit).toBeVisible();
    await expect(edit.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('host2');
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await expect(edit).toHaveCount(0);
    await back(page);
    // Power Management on the fence agent's host.
    await finding(page, 'v6.address.ipv4-literal', 'redfish').locator('a.v6-fix-link').click();
    const pm = dialog(page, 'Edit Host');
    await expect(pm.getByRole('tab', { name: 'Power Management' })).toHaveAttribute('aria-selected', 'true');
    await expect(pm.getByRole('textbox', { name: 'Name', exact: true })).toHaveCount(0);
    await pm.getByRole('button', { name: 'Cancel' }).click();
    await back(page);
    // Setup Host Networks on the NIC, the network's chip focused.
    await finding(page, 'v6.address.duplicate-ipv6', 'reported on host0/storage').locator('a.v6-fix-link').click();
    await expect(page).toHaveURL(/\/nics\?dialog=setup-networks&network=storage&nic=bond0$/);
    const sn = dialog(page, 'Setup Host host0 Networks');
    await expect(sn).toBeVisible();
    await expect(sn.locator('.v6-sn-chip--net[data-network="storage"] .v6-sn-chip__main')).toBeFocused();
    await expect(sn.locator('.v6-sn-chip--linked')).toHaveAttribute('data-network', 'storage');
    await expect(page.locator('#nics-table tr[data-nic="bond0"]')).toHaveClass(/v6-linked/);
    await page.screenshot({ path: `${screenshotDir}/readiness-fix-setup-networks.png` });
    await sn.getByRole('button', { name: 'Cancel' }).click();
    await back(page);
    // Edit Provider.
    await finding(page, 'v6.address.ipv4-literal', 'legacy-neutron').locator('a.v6-fix-link').click();
    const prov = dialog(page, 'Edit Provider');
    await expect(prov).toBeVisible();
    await expect(prov.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('legacy-neutron');
    await prov.getByRole('button', { name: 'Cancel' }).click();
    await back(page);
    // The storage domain, on the Storage Domains page.
    await finding(page, 'v6.address.ipv4-literal', 'legacy-nfs').locator('a.v6-fix-link').click();
    await expect(page.locator('#storage-table tr[data-domain="legacy-nfs"]')).toHaveClass(/pf-m-selected/);
    await back(page);
    // Run Once: a link to the VM's page (package vms opens the dialog).
    await expect(finding(page, 'v6.vm.no-global-ipv6').first().locator('a.v6-fix-link')).toHaveAttribute('href', /^\/vms\/[^/?]+\?dialog=run-once$/);
    // No dialog exists for a network's MTU: a sentence, no link.
    const mtu = finding(page, 'v6.network.mtu-below-1280').first();
    await expect(mtu.locator('a.v6-fix-link')).toHaveCount(0);
    await expect(mtu.locator('.v6-fix-text')).toContainText('Administration Portal');
  });

  test('filters by object type, family and severity; the CSV download matches the page', async ({ page }) => {
    await openReadiness(page);
    await page.locator('#ready-severity').selectOption('blocker');
    await expect(page.locator('#readiness-warnings .v6-finding')).toHaveCount(0);
    await expect(page.locator('.v6-finding[data-severity="warning"]')).toHaveCount(0);
    await page.locator('#ready-kind').selectOption('host');
    await expect(page.locator('#readiness-objects tr[data-kind]:not([data-kind="host"])')).toHaveCount(0);
    await expect(page.locator('.v6-finding:not([data-kind="host"])')).toHaveCount(0);
    expect(await page.locator('#readiness-objects tr[data-kind="host"]').count()).toBeGreaterThanOrEqual(5);
    await page.locator('#ready-family').selectOption('ipv4-only');
    await expect(page.locator('#readiness-objects')).toContainText('No object matches the filters');
    await page.locator('#ready-family').selectOption('all');
    await page.locator('#ready-kind').selectOption('all');
    await page.locator('#ready-severity').selectOption('all');
    await expect(page.locator('.v6-finding[data-severity="warning"]').first()).toBeVisible();

    // The whole report as CSV: the same check ids, the same objects.
    const shown = await page.locator('.v6-finding').evaluateAll((els) =>
      els.map((e) => `${e.getAttribute('data-check')} ${e.getAttribute('data-object')}`).sort());
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#ready-export-csv').click()]);
    expect(download.suggestedFilename()).toBe('readiness.csv');
    const fs = await import('node:fs');
    const csv = fs.readFileSync(await download.path(), 'utf8');
    const { lines, header } = parseCSV(csv);
    const check = header.indexOf('check_id'), id = header.indexOf('object_id');
    expect(check, 'the CSV has a check column').toBeGreaterThanOrEqual(0);
    expect(id, 'the CSV has an object_id column').toBeGreaterThanOrEqual(0);
    expect(lines.map((l) => `${l[check]} ${l[id]}`).sort()).toEqual(shown);
    // The JSON download carries the page's filters.
    await page.locator('#ready-severity').selectOption('warning');
    await expect(page.locator('#ready-export-json')).toHaveAttribute('href', '/api/readiness?format=json&severity=warning');
  });
});

// The fix that changes the engine runs after the checks above read it, in
// a serial describe of its own: it clears a finding no other test asserts
// after it (the out-of-sync attachment of legacy2).
test.describe.serial('IPv6 Readiness, live', () => {
  test('Sync this network clears the out-of-sync finding without a reload', async ({ page }) => {
    await openReadiness(page);
    await page.evaluate(() => { (window as any).__noReload = true; });
    const oos = finding(page, 'v6.attachment.ipv6-out-of-sync', 'legacy2/legacymig');
    await expect(oos).toHaveCount(1);
    const row = page.locator('#readiness-objects tr[data-kind="attachment"]').filter({ hasText: 'legacy2/legacymig' });
    await expect(row.locator('.v6-ready-counts')).toContainText('1 warning');
    await oos.getByRole('button', { name: 'Sync this network' }).click();
    await expect(oos).toHaveCount(0, { timeout: 20_000 });
    await expect(row.locator('.v6-ready-counts')).toHaveText('—');
    expect(await page.evaluate(() => (window as any).__noReload)).toBe(true);
  });
});

// parseCSV reads RFC 4180 CSV (quoted fields with commas, quotes and
// newlines): the header's names and the records.
function parseCSV(text: string): { header: string[]; lines: string[][] } {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return { header: rows[0], lines: rows.slice(1) };
}
