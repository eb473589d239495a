import { test, expect, Page, APIRequestContext } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { login, hostRow, dialog, openNewHost, screenshotDir } from '../app';

// The console in front of the replay engine (engine/replay), which answers
// from the fixtures in the real oVirt engine's shape (engine/fixtures):
// string-encoded booleans and numbers, references by id only, status only
// for unattached storage domains, certificates as base64 DER, discovered
// portals "address:port,tpgt", an IPv6 gateway "::" meaning none. The
// replay engine keeps no state; it lists what it received at
// /replay/requests.

const engineURL = `http://[::1]:${process.env.V6ADMIN_REPLAY_ENGINE_PORT}`;
const shot = (page: Page, name: string) => page.screenshot({ path: `${screenshotDir}/replay-${name}.png` });

type Sent = { method: string; path: string; body?: any };
async function sent(request: APIRequestContext, suffix: string): Promise<Sent[]> {
  const r = await request.get(`${engineURL}/replay/requests`);
  expect(r.ok()).toBeTruthy();
  const all: Sent[] = (await r.json()).requests || [];
  return all.filter((q) => q.path.endsWith(suffix));
}

test('Hosts list: cluster names from id-only references', async ({ page }) => {
  await login(page);
  await expect(hostRow(page, 'host0').locator('td[data-label="Cluster"]')).toHaveText('Default');
  await expect(hostRow(page, 'host1').locator('td[data-label="Cluster"]')).toHaveText('Edge');
  await expect(hostRow(page, 'host0').locator('td[data-label="Status"]')).toContainText('Up');
  await expect(hostRow(page, 'host1').locator('td[data-label="Status"]')).toContainText('Maintenance');
  await shot(page, 'hosts');
});

test('Network Interfaces: IPv6 addresses, network names, "::" is no gateway', async ({ page }) => {
  await login(page);
  await hostRow(page, 'host0').getByRole('link', { name: 'host0' }).click();
  await expect(page.getByRole('heading', { name: 'host0 — Network Interfaces' })).toBeVisible();
  const row = (n: string) => page.locator(`#nics-table tr[data-nic="${n}"]`);
  await expect(row('eth0').locator('td[data-label="Logical Networks"]')).toContainText('ovirtmgmt');
  await expect(row('eth0').locator('td[data-label="IPv6 Address"]')).toContainText('2001:db8:10::11/64');
  await expect(row('eth0').locator('td[data-label="IPv6 Address"]')).toContainText('gateway 2001:db8:10::1');
  // The VLAN device shows on its base NIC's row.
  const vlan = row('eth1');
  await expect(vlan.locator('td[data-label="Logical Networks"]')).toContainText('VLAN 200');
  await expect(vlan.locator('td[data-label="Logical Networks"]')).toContainText('storage');
  await expect(vlan.locator('td[data-label="IPv6 Address"]')).toContainText('2001:db8:200::11/64');
  await expect(vlan.locator('td[data-label="IPv6 Address"]')).not.toContainText('gateway');
  await expect(vlan.locator('td[data-label="IPv4 Address"]')).toContainText('192.0.2.11/24');
  await expect(vlan.locator('td[data-label="IPv4 Address"]')).toContainText('Static');
  await expect(row('eth2').locator('td[data-label="Logical Networks"]')).toContainText('vm-net');
  await expect(row('eth2').locator('td[data-label="IPv6 Address"]')).toContainText('gateway fe80::1');
  await expect(row('bond0')).toContainText('eth3, eth4');
  await shot(page, 'nics');
  await row('eth2').scrollIntoViewIfNeeded();
  await shot(page, 'nics-gateways');
});

test('New Host: the cluster list', async ({ page }) => {
  await login(page);
  const d = await openNewHost(page);
  const options = d.getByLabel('Host Cluster').locator('option');
  await expect(options).toHaveText(['Default', 'Edge']);
  await shot(page, 'new-host');
});

test('Storage Domains: every domain has a status', async ({ page }) => {
  await login(page, '/storage-domains');
  const status = (n: string) => page.locator(`#storage-table tr[data-domain="${n}"] td[data-label="Status"]`);
  await expect(status('nfs-data')).toHaveText('Active');
  await expect(status('nfs-spare')).toHaveText('Unattached');
  await expect(status('iscsi-data')).toHaveText('Maintenance');
  await shot(page, 'storage-domains');
});

test('iSCSI: discovery and Login All send the TPGT', async ({ page, request }) => {
  await login(page, '/storage-domains');
  await page.locator('#storage-new').click();
  const d = dialog(page, 'New Domain');
  await expect(d.getByLabel('Host to Use')).toHaveValue(/.+/);
  await d.getByRole('textbox', { name: 'Name', exact: true }).fill('iscsi-replay');
  await d.getByLabel('Storage Type').selectOption('iscsi');
  await d.getByLabel('Address').fill('2001:db8::30');
  await d.getByRole('button', { name: 'Discover' }).click();
  const targets = d.locator('#iscsi-targets-table tbody tr');
  await expect(targets).toHaveCount(3, { timeout: 20_000 });
  await expect(d.locator('#iscsi-targets-table')).toContainText('192.0.2.30');
  await expect(d.locator('#iscsi-targets-table')).toContainText('iqn.2003-01.org.linux-iscsi.storage.x8664:sn.lab1');
  await shot(page, 'iscsi-discovered');
  const before = (await sent(request, '/iscsilogin')).length;
  await d.locator('#iscsi-login-all').click();
  await expect(d.locator('#iscsi-login-all')).toBeDisabled({ timeout: 20_000 });
  const logins = (await sent(request, '/iscsilogin')).slice(before);
  expect(logins.length).toBeGreaterThan(0);
  for (const l of logins) expect(l.body.iscsi.portal).toMatch(/^\d+$/);
  expect(logins.map((l) => l.body.iscsi.portal)).toContain('2');
  await shot(page, 'iscsi-logged-in');
});

test('Providers: the certificate shown is the one imported', async ({ page, request }) => {
  const chain = JSON.parse(readFileSync('../engine/fixtures/provider_certificates.json', 'utf8')).certificate;
  await login(page, '/providers');
  await page.locator('#providers-table tr[data-provider="ovirt-provider-ovn"]').click();
  await page.locator('#provider-edit').click();
  const d = dialog(page, 'Edit Provider');
  await expect(d).toBeVisible();
  await d.getByRole('button', { name: 'Test' }).click();
  const q = dialog(page, 'Import provider certificate');
  await expect(q).toBeVisible({ timeout: 20_000 });
  // As webadmin, the top of the chain is proposed; the REST layer imports
  // only the first certificate sent, so exactly this one is sent.
  await expect(q).toContainText('Certificate 2 of 2 of the chain');
  await expect(q).toContainText('Subject: CN=lab-ca.example.com,O=v6admin lab');
  await shot(page, 'import-certificate');
  const before = (await sent(request, '/importcertificates')).length;
  await q.getByRole('button', { name: 'Yes' }).click();
  await expect(d.locator('#provider-test-imported')).toContainText('CN=lab-ca.example.com', { timeout: 20_000 });
  const imports = (await sent(request, '/importcertificates')).slice(before);
  expect(imports).toHaveLength(1);
  expect(imports[0].body.certificates.certificate).toEqual([{ content: chain[1].content }]);
  await d.locator('#provider-test-result').scrollIntoViewIfNeeded();
  await shot(page, 'certificate-imported');
});

test('An answer the client cannot read is named precisely', async ({ page }) => {
  await login(page);
  await hostRow(page, 'host1').getByRole('link', { name: 'host1' }).click();
  await expect(page.getByText("The engine's answer could not be read (host_nic.ipv6).")).toBeVisible();
  await expect(page.getByText('The engine cannot be reached.')).toHaveCount(0);
  await shot(page, 'unreadable-answer');
});
