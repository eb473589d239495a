import { test, expect, Page } from '@playwright/test';
import { login, openNewHost, fillNewHost, hostRow, dialog, screenshotDir } from './app';

async function addAgent(page: Page, address: string, type = 'ipmilan') {
  await page.locator('#pm-add-agent').click();
  const a = dialog(page, 'Add fence agent');
  await expect(a).toBeVisible();
  await a.getByLabel('Address').fill(address);
  await a.getByLabel('User Name').fill('admin');
  await a.getByLabel('Password').fill('bmc-secret');
  await a.getByLabel('Type').selectOption(type);
  return a;
}

test.describe('power management and fence agents', () => {
  test('a new host with an IPv6 fence agent, installed, then its agent tested', async ({ page }) => {
    await login(page);
    const d = await openNewHost(page);
    await fillNewHost(d, 'pm-host', '2001:db8::b1');
    await d.getByRole('tab', { name: 'Power Management' }).click();
    await d.getByLabel('Enable Power Management').check();
    await expect(d.getByLabel('Kdump integration')).toBeChecked();
    const a = await addAgent(page, '[2001:DB8:20::13]');
    await expect(a.locator('#agent-address-canonical')).toHaveText('2001:db8:20::13');
    await expect(a.getByLabel('Port')).toBeVisible();
    await expect(a.getByLabel('Slot')).toHaveCount(0);
    await a.getByLabel('Port').fill('623');
    await a.getByLabel('Options').fill('lanplus=1');
    // A new host has no saved agents yet: Test explains when it works.
    await expect(a.getByRole('button', { name: 'Test' })).toBeDisabled();
    await expect(a.locator('#agent-test-why')).toHaveText('Save the host first: the engine tests agents of existing hosts.');
    await a.getByRole('button', { name: 'OK' }).click();
    await expect(a).toHaveCount(0);
    await expect(d.locator('#pm-agents')).toContainText('ipmilan : 2001:db8:20::13');
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d).toHaveCount(0);

    const row = hostRow(page, 'pm-host');
    await expect(row.locator('td[data-label="Power Management"]')).toContainText('Enabled');
    await expect(page.locator('.v6-install')).toContainText('Installing pm-host');
    await expect(row.locator('td[data-label="Status"]')).toContainText('Up', { timeout: 20_000 });

    await row.click();
    await page.getByRole('button', { name: 'Power Management' }).click();
    const e = dialog(page, 'Edit Host');
    await expect(e.getByLabel('Enable Power Management')).toBeChecked();
    await e.getByRole('button', { name: 'Edit fence agent ipmilan : 2001:db8:20::13' }).first().click();
    const ea = dialog(page, 'Edit fence agent');
    await expect(ea.getByLabel('Address')).toHaveValue('2001:db8:20::13');
    await expect(ea.getByLabel('Options')).toHaveValue('lanplus=1');
    await ea.getByRole('button', { name: 'Test' }).click();
    await expect(ea.locator('#agent-test-result')).toHaveText(/^Success alert: Test successful: power on \(through this agent, the host's only one\)$/);
    await page.screenshot({ path: `${screenshotDir}/dialog-fence-agent-test.png` });
  });

  test('a fence agent nobody answers: Test failed', async ({ page }) => {
    await login(page);
    const d = await openNewHost(page);
    await fillNewHost(d, 'pm-silent', '2001:db8::b2');
    await d.getByRole('tab', { name: 'Power Management' }).click();
    await d.getByLabel('Enable Power Management').check();
    const a = await addAgent(page, '2001:db8:20::99');
    await a.getByRole('button', { name: 'OK' }).click();
    await d.getByRole('button', { name: 'OK' }).click();
    const row = hostRow(page, 'pm-silent');
    await expect(row).toBeVisible();
    await row.click();
    await page.getByRole('button', { name: 'Power Management' }).click();
    const e = dialog(page, 'Edit Host');
    await e.getByRole('button', { name: 'Edit fence agent ipmilan : 2001:db8:20::99' }).first().click();
    const ea = dialog(page, 'Edit fence agent');
    await ea.getByRole('button', { name: 'Test' }).click();
    await expect(ea.locator('#agent-test-result')).toHaveText(/^Danger alert: Test failed: .*did not respond/);
  });

  test('Test of one of two agents says the engine tested the host\'s agents in order', async ({ page }) => {
    // The oVirt REST API cannot test one agent (fence status asks the
    // host's agents in order): with ::98 silent and ::13 answering, each
    // agent's Test gets the host's answer, and says so.
    await login(page);
    const d = await openNewHost(page);
    await fillNewHost(d, 'pm-two', '2001:db8::b3');
    await d.getByRole('tab', { name: 'Power Management' }).click();
    await d.getByLabel('Enable Power Management').check();
    let a = await addAgent(page, '2001:db8:20::13');
    await a.getByRole('button', { name: 'OK' }).click();
    a = await addAgent(page, '2001:db8:20::98');
    await a.getByRole('button', { name: 'OK' }).click();
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d).toHaveCount(0);
    const row = hostRow(page, 'pm-two');
    await row.click();
    await page.getByRole('button', { name: 'Power Management' }).click();
    const e = dialog(page, 'Edit Host');
    for (const addr of ['2001:db8:20::98', '2001:db8:20::13']) {
      await e.getByRole('button', { name: `Edit fence agent ipmilan : ${addr}` }).first().click();
      const ea = dialog(page, 'Edit fence agent');
      await expect(ea.locator('#agent-test-scope')).toHaveText(/cannot test one agent alone/);
      await ea.getByRole('button', { name: 'Test' }).click();
      await expect(ea.locator('#agent-test-result')).toHaveText(
        /^Info alert: The engine tested host pm-two's 2 agents in order: power on\. It cannot test one agent alone, so the answer may come from another agent\.$/);
      if (addr === '2001:db8:20::98') {
        await page.screenshot({ path: `${screenshotDir}/dialog-fence-agent-test-host.png` });
      }
      await ea.getByRole('button', { name: 'Cancel' }).click();
      await expect(ea).toHaveCount(0);
    }
    await e.getByRole('button', { name: 'Cancel' }).click();
  });

  test('duplicates, passwords, ports and options are checked', async ({ page }) => {
    await login(page);
    const d = await openNewHost(page);
    await d.getByRole('tab', { name: 'Power Management' }).click();
    await expect(d.locator('#pm-add-agent')).toBeDisabled();
    await d.getByLabel('Enable Power Management').check();
    let a = await addAgent(page, '2001:db8:20::13');
    await a.getByRole('button', { name: 'OK' }).click();

    // The same address, spelled otherwise, with the same type.
    a = await addAgent(page, '2001:DB8:20:0:0:0:0:13');
    await a.getByLabel('Password').fill('x'.repeat(51));
    await a.getByLabel('Port').fill('0');
    await a.getByLabel('Options').fill('lanplus');
    await a.getByRole('button', { name: 'OK' }).click();
    await expect(a.locator('#agent-password-error')).toHaveText('Field content must not exceed 50 characters.');
    await expect(a.locator('#agent-port-error')).toHaveText('This field must contain an integer number between 1 and 65535.');
    await expect(a.locator('#agent-options-error')).toHaveText("Please use a comma-separated list of 'key=value'");
    await expect(a.locator('#agent-options-hint')).toContainText('lanplus=1');
    await a.getByLabel('Password').fill('ok');
    await a.getByLabel('Port').fill('623');
    await a.getByLabel('Options').fill('lanplus=1');
    await a.getByRole('button', { name: 'OK' }).click();
    await expect(a.locator('#agent-duplicate')).toContainText('Duplicate fence agent found.');
    await expect(a.locator('#agent-address-error')).toHaveText('Duplicate fence agent found.');
    // Another type at the same address is another agent.
    await a.getByLabel('Type').selectOption('redfish');
    await expect(a.getByLabel('Secure')).toBeVisible();
    await a.getByRole('button', { name: 'OK' }).click();
    await expect(a).toHaveCount(0);
    await expect(d.locator('#pm-agents li')).toHaveCount(2);
  });

  test('agents keep their order, moved up and down', async ({ page }) => {
    await login(page);
    const d = await openNewHost(page);
    await d.getByRole('tab', { name: 'Power Management' }).click();
    await d.getByLabel('Enable Power Management').check();
    for (const addr of ['2001:db8:20::21', '2001:db8:20::22', '192.0.2.23']) {
      const a = await addAgent(page, addr);
      await a.getByRole('button', { name: 'OK' }).click();
      await expect(a).toHaveCount(0);
    }
    const items = d.locator('#pm-agents li');
    await expect(items).toHaveText([/1\..*2001:db8:20::21/, /2\..*2001:db8:20::22/, /3\..*192\.0\.2\.23/]);
    await d.getByRole('button', { name: 'Move ipmilan : 192.0.2.23 up' }).click();
    await d.getByRole('button', { name: 'Move ipmilan : 2001:db8:20::21 down' }).click();
    await expect(items).toHaveText([/1\..*192\.0\.2\.23/, /2\..*2001:db8:20::21/, /3\..*2001:db8:20::22/]);
    await d.getByRole('button', { name: 'Remove fence agent ipmilan : 2001:db8:20::22' }).click();
    const c = dialog(page, 'Are you sure?');
    await expect(c).toContainText('Are you sure you wish to delete Fence Agent: ipmilan : 2001:db8:20::22');
    await c.getByRole('button', { name: 'OK' }).click();
    await expect(items).toHaveCount(2);
  });

  test('saving without power management asks, and can lead to the tab', async ({ page }) => {
    await login(page);
    const d = await openNewHost(page);
    await fillNewHost(d, 'no-pm', '2001:db8::b3');
    await d.getByRole('button', { name: 'OK' }).click();
    const c = dialog(page, 'Power Management Configuration');
    await expect(c).toContainText("You haven't configured Power Management for this Host. Are you sure you want to continue?");
    await c.getByRole('button', { name: 'Configure Power Management' }).click();
    await expect(c).toHaveCount(0);
    await expect(d.getByRole('tab', { name: 'Power Management' })).toHaveAttribute('aria-selected', 'true');
    await expect(d.getByLabel('Enable Power Management')).toBeFocused();
    // Power management without an agent is refused on the tab.
    await d.getByLabel('Enable Power Management').check();
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d.locator('#pm-error')).toContainText('Add at least one fence agent');
    await expect(d.getByRole('tab', { name: /Power Management/ })).toContainText('(has errors)');
  });
});
