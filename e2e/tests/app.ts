import { Page, Locator, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const ADMIN = 'admin@internal';
export const PASSWORD = 'v6admin-demo';

// openApp loads a page and waits until the wasm UI has mounted: the
// prerendered DOM is visible before that but not live, and input typed into
// it can be lost.
export async function openApp(page: Page, path = '/') {
  await page.goto(path);
  await expect(page.locator('#app-wasm-loader')).toHaveCount(0, { timeout: 30_000 });
}

// login opens a page (the login page first if there is no session) and
// logs in as the demo administrator.
export async function login(page: Page, path = '/hosts') {
  await openApp(page, path);
  await expect(page.getByLabel('User Name')).toBeVisible();
  await page.getByLabel('User Name').fill(ADMIN);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('#current-user')).toContainText(ADMIN);
}

// hostRow is the row of a host in the Hosts list.
export function hostRow(page: Page, name: string): Locator {
  return page.locator(`#hosts-table tr[data-host="${name}"]`);
}

// dialog is the open modal dialog of a title.
export function dialog(page: Page, title: string | RegExp): Locator {
  return page.getByRole('dialog', { name: title });
}

// openNewHost opens the New Host dialog from the Hosts list.
export async function openNewHost(page: Page): Promise<Locator> {
  await page.locator('#host-new').click();
  const d = dialog(page, 'New Host');
  await expect(d).toBeVisible();
  await expect(d.getByLabel('Host Cluster')).toHaveValue(/.+/);
  return d;
}

// fillNewHost fills the General tab.
export async function fillNewHost(d: Locator, name: string, address: string) {
  await d.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await d.getByLabel('Hostname/IP').fill(address);
  await d.locator('#host-password').fill('secret');
}

// screenshotDir keeps screenshots as artifacts (outside Playwright's
// outputDir, which is emptied at each run).
export const screenshotDir = 'test-results/screenshots';

// openSetup logs in and opens Setup Host Networks of a host from its
// Network Interfaces page, ready for changes.
export async function openSetup(page: Page, host = 'host0'): Promise<Locator> {
  await login(page);
  await hostRow(page, host).getByRole('link', { name: host }).click();
  await expect(page.getByRole('heading', { name: `${host} — Network Interfaces` })).toBeVisible();
  await page.getByRole('button', { name: 'Setup Host Networks' }).click();
  const d = dialog(page, `Setup Host ${host} Networks`);
  await expect(d).toBeVisible();
  await expect(d.locator('#sn-status')).toHaveText('Drag to make changes');
  return d;
}

// editNetwork opens Edit Network of an attached network from its chip.
export async function editNetwork(page: Page, d: Locator, net: string): Promise<Locator> {
  await d.locator(`.v6-sn-chip--net[data-network="${net}"] .v6-sn-edit`).click();
  const e = dialog(page, new RegExp(`Edit (Management )?Network:? ${net}$`));
  await expect(e).toBeVisible();
  return e;
}

// SEED_DISPLAY_V6 is host0's display address as the lab seeds it (IPv4
// none): the VM tests migrate web0 over it, so a spec that changes host0's
// display attachment puts it back with displayAsSeeded.
export const SEED_DISPLAY_V6 = '2001:db8:100::11/64';

// displayAsSeeded sets display's IP settings in Setup Host Networks d back
// to the seed's and closes Edit Network (the caller applies d).
export async function displayAsSeeded(page: Page, d: Locator) {
  const e = await editNetwork(page, d, 'display');
  await e.locator('#net-ipv4-proto-none').check();
  await e.getByRole('tab', { name: 'IPv6' }).click();
  await e.locator('#net-ipv6-proto-static').check();
  await e.locator('#net-ipv6-address').fill(SEED_DISPLAY_V6);
  await e.getByRole('button', { name: 'OK' }).click();
  await expect(e).toHaveCount(0);
}

// patchAnswer rewrites the BFF's JSON answers to the URLs re matches, as an
// engine in another state would have made them. A request of a page being
// left can be cut by a navigation while its answer is on the way
// (Playwright then says "Response has been disposed"); no page waits for
// that answer any more, so it is dropped instead of failing the test.
export async function patchAnswer(page: Page, re: RegExp, patch: (body: any) => void) {
  await page.route(re, async (route) => {
    try {
      const res = await route.fetch();
      const body = await res.json();
      patch(body);
      await route.fulfill({ response: res, json: body });
    } catch (e) {
      if (!String(e).includes('disposed')) throw e;
    }
  });
}

// vmRow is the row of a VM in the Virtual Machines list.
export function vmRow(page: Page, name: string): Locator {
  return page.locator(`#vms-table tr[data-vm="${name}"]`);
}

// openVM logs in and opens a VM's details from the list.
export async function openVM(page: Page, name: string) {
  await login(page, '/vms');
  await vmRow(page, name).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

// audit fails the test on any serious or critical axe-core violation on the
// page as it is now (what names it in the report).
export async function audit(page: Page, what: string) {
  const res = await new AxeBuilder({ page }).analyze();
  const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').join(' ')}`).join('\n')).join('\n');
  expect(report, `${what}: axe violations`).toBe('');
}
