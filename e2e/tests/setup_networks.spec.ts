import { test, expect, Page, Locator } from '@playwright/test';
import { spawn, ChildProcess, execFileSync } from 'node:child_process';
import { login, hostRow, dialog, screenshotDir, openApp, openSetup, editNetwork, patchAnswer, audit, displayAsSeeded, SEED_DISPLAY_V6 } from './app';

// Setup Host Networks on host0 (seed: ovirtmgmt on eth0, display VLAN 100
// on eth1, storage VLAN 200 on bond0 of eth2+eth3; eth4, eth5 free).

function chip(d: Locator, net: string): Locator {
  return d.locator(`.v6-sn-chip--net[data-network="${net}"] .v6-sn-chip__main`);
}

async function menuAction(page: Page, d: Locator, net: string, item: string) {
  await chip(d, net).click();
  await d.getByRole('menuitem', { name: item }).click();
}

async function apply(page: Page, d: Locator) {
  await d.getByRole('button', { name: 'OK' }).click();
  await expect(d).toHaveCount(0, { timeout: 30_000 });
}

function nicCell(page: Page, nic: string, col: string): Locator {
  return page.locator(`#nics-table tr[data-nic="${nic}"] td[data-label="${col}"]`);
}

test.describe('Setup Host Networks', () => {
  test('static dual-stack on the display VLAN network, then DHCP and DHCP+SLAAC', async ({ page }) => {
    const d = await openSetup(page);
    await expect(chip(d, 'display')).toContainText('VLAN 100');
    await page.screenshot({ path: `${screenshotDir}/setup-networks.png` });
    let e = await editNetwork(page, d, 'display');
    await e.locator('#net-ipv4-proto-static').check();
    await e.locator('#net-ipv4-address').fill('192.0.2.50');
    await e.getByLabel('Netmask / Routing Prefix').fill('24');
    await e.getByRole('tab', { name: 'IPv6' }).click();
    await e.locator('#net-ipv6-proto-static').check();
    await e.locator('#net-ipv6-address').fill('2001:0db8:85a3:0001:0000:0000:0000:0005');
    await expect(e.locator('#net-ipv6-prefix')).toHaveValue('64');
    // Not the default-route network: the gateway says why it is disabled.
    await expect(e.locator('#net-ipv6-gateway')).toBeDisabled();
    await expect(e.locator('#net-ipv6-gateway')).toHaveAccessibleDescription(/default route role/);
    await page.screenshot({ path: `${screenshotDir}/edit-network-ipv6.png` });
    await audit(page, 'Edit Network');
    await e.getByRole('button', { name: 'OK' }).click();
    await expect(e).toHaveCount(0);
    await apply(page, d);
    await expect(nicCell(page, 'eth1', 'IPv6 Address')).toContainText('2001:db8:85a3:1::5/64');
    await expect(nicCell(page, 'eth1', 'IPv4 Address')).toContainText('192.0.2.50/24');

    // The same attachment to DHCP and to DHCP And SLAAC.
    await page.getByRole('button', { name: 'Setup Host Networks' }).click();
    const d2 = dialog(page, 'Setup Host host0 Networks');
    e = await editNetwork(page, d2, 'display');
    await e.locator('#net-ipv4-proto-dhcp').check();
    await expect(e.locator('#net-ipv4-address')).toBeDisabled();
    await e.getByRole('tab', { name: 'IPv6' }).click();
    await e.locator('#net-ipv6-proto-poly_dhcp_autoconf').check();
    await expect(e.locator('#net-ipv6-address')).toBeDisabled();
    await e.getByRole('button', { name: 'OK' }).click();
    await apply(page, d2);
    await expect(nicCell(page, 'eth1', 'IPv6 Address')).toContainText('DHCP And Stateless Address Autoconfiguration');
  });

  test('with the keyboard alone: attach storage IPv6-only to eth4, then detach', async ({ page }) => {
    const d = await openSetup(page);
    // Break the bond first is not needed: move storage after syncing is
    // not needed either; attach a network from the unassigned list.
    await menuAction(page, d, 'storage', 'Detach Network storage');
    await expect(d.locator('#sn-unassigned')).toContainText('storage');
    // Keyboard: focus the first chip, walk with the arrow keys to storage.
    await d.locator('#sn-chip-nic-bond0').focus();
    for (let i = 0; i < 30; i++) {
      const name = await page.evaluate(() => document.activeElement?.closest('[data-network]')?.getAttribute('data-network'));
      if (name === 'storage') break;
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(150);
    }
    await expect(chip(d, 'storage')).toBeFocused();
    await page.keyboard.press('Enter');
    const item = d.getByRole('menuitem', { name: 'Attach storage to eth4' });
    await expect(d.getByRole('menuitem').first()).toBeFocused();
    for (let i = 0; i < 10 && !(await item.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(150);
    }
    await page.keyboard.press('Enter');
    await expect(d.locator('#sn-status')).toContainText('Attach storage to eth4');
    await expect(d.locator('.v6-sn-iface[data-nic="eth4"]')).toContainText('storage');
    // Edit with the keyboard: Enter on the chip, "Edit Network storage".
    await chip(d, 'storage').focus();
    await page.keyboard.press('Enter');
    await d.getByRole('menuitem', { name: 'Edit Network storage' }).press('Enter');
    const e = dialog(page, 'Edit Network storage');
    await expect(e).toBeVisible();
    await e.getByRole('tab', { name: 'IPv6' }).click();
    await e.locator('#net-ipv6-proto-static').check();
    await e.locator('#net-ipv6-address').fill('2001:db8:200::44/80');
    await expect(e.locator('#net-ipv6-address')).toHaveValue('2001:db8:200::44');
    await expect(e.locator('#net-ipv6-prefix')).toHaveValue('80');
    await e.getByRole('button', { name: 'OK' }).press('Enter');
    await expect(e).toHaveCount(0);
    await apply(page, d);
    await expect(nicCell(page, 'eth4', 'Logical Networks')).toContainText('storage');
    await expect(nicCell(page, 'eth4', 'IPv6 Address')).toContainText('2001:db8:200::44/80');

    // Detach again.
    await page.getByRole('button', { name: 'Setup Host Networks' }).click();
    const d2 = dialog(page, 'Setup Host host0 Networks');
    await menuAction(page, d2, 'storage', 'Detach Network storage');
    await apply(page, d2);
    await expect(nicCell(page, 'eth4', 'Logical Networks')).not.toContainText('storage');
  });

  test('refusals on the status line, the management rule, and axe', async ({ page }) => {
    const d = await openSetup(page);
    await chip(d, 'storage').click();
    await expect(d.getByRole('menuitem', { name: 'Attach storage to eth4' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(d).toBeVisible();
    // Put the management network on eth1: "Cannot have more than one non-VLAN…" is fine (display is VLAN); eth4 free.
    await menuAction(page, d, 'display', 'Detach Network display');
    await expect(d.locator('#sn-status')).toContainText('Detach Network display');
    await menuAction(page, d, 'ovirtmgmt', 'Detach Network ovirtmgmt');
    await expect(d.getByRole('button', { name: 'OK' })).toHaveAttribute('aria-disabled', 'true');
    await expect(d.locator('#sn-ok-why')).toHaveText("Can't save configuration - Management Network must be attached");
    await audit(page, 'Setup Host Networks');
    // A non-VLAN network next to another: refused with oVirt's text.
    await menuAction(page, d, 'ovirtmgmt', 'Attach ovirtmgmt to eth4');
    await chip(d, 'display').click();
    await expect(d.getByRole('menuitem', { name: 'Attach display to eth4' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(d.getByRole('button', { name: 'OK' })).not.toHaveAttribute('aria-disabled', 'true');
    await d.getByRole('button', { name: 'Cancel' }).click();
    await expect(d).toHaveCount(0);
  });

  test('drag and drop attaches, and duplicate VLANs are refused', async ({ page }) => {
    const d = await openSetup(page);
    // HTML5 drag and drop events, as the browser sends them.
    const drag = async (src: Locator, dst: Locator) => {
      const dt = await page.evaluateHandle(() => new DataTransfer());
      await src.dispatchEvent('dragstart', { dataTransfer: dt });
      await dst.dispatchEvent('dragenter', { dataTransfer: dt });
      await dst.dispatchEvent('dragover', { dataTransfer: dt });
      await dst.dispatchEvent('drop', { dataTransfer: dt });
      await src.dispatchEvent('dragend', { dataTransfer: dt });
    };
    const eth5 = d.locator('.v6-sn-iface[data-nic="eth5"]');
    await drag(chip(d, 'display'), eth5);
    await expect(eth5).toContainText('display');
    await expect(d.locator('#sn-status')).toContainText('Attach display to eth5');
    await drag(chip(d, 'ovirtmgmt'), eth5);
    await expect(d.locator('#sn-status')).toContainText('Attach ovirtmgmt to eth5');
    await drag(chip(d, 'display'), d.locator('.v6-sn-iface[data-nic="eth0"]'));
    await expect(d.locator('#sn-status')).toContainText('Attach display to eth0');
    await drag(chip(d, 'storage'), eth5);
    await expect(d.locator('#sn-status')).toContainText(/out-of-sync|Attach storage to eth5/);
  });

  test('a network dragged back to Unassigned Logical Networks is detached and applied', async ({ page }) => {
    const d = await openSetup(page);
    // A real mouse drag (Chromium's native drag and drop), not synthetic events.
    await chip(d, 'display').dragTo(d.locator('#sn-unassigned'));
    await expect(d.locator('#sn-status')).toContainText('Detach Network display');
    await expect(d.locator('#sn-unassigned')).toContainText('display');
    await expect(d.locator('.v6-sn-iface[data-nic="eth1"]')).not.toContainText('display');
    await apply(page, d);
    await expect(nicCell(page, 'eth1', 'Logical Networks')).not.toContainText('display');
    // One toast for the apply: the engine's own event of it (which /ws
    // brings within a second or two) does not add a second one.
    await expect(page.locator('#toasts > li')).toHaveCount(1);
    await expect(page.locator('#toasts')).toContainText("The host's networks were set up.");
    await page.waitForTimeout(3_000);
    await expect(page.locator('#toasts > li')).toHaveCount(1);
    // Back onto eth1, by mouse too, to leave host0 as it was.
    await page.getByRole('button', { name: 'Setup Host Networks' }).click();
    const d2 = dialog(page, 'Setup Host host0 Networks');
    await expect(d2.locator('#sn-status')).toHaveText('Drag to make changes');
    await chip(d2, 'display').dragTo(d2.locator('.v6-sn-iface[data-nic="eth1"]'));
    await expect(d2.locator('.v6-sn-iface[data-nic="eth1"]')).toContainText('display');
    // A detached network's settings are gone: typed again, as seeded.
    await displayAsSeeded(page, d2);
    await apply(page, d2);
    await expect(nicCell(page, 'eth1', 'Logical Networks')).toContainText('display');
    await expect(nicCell(page, 'eth1', 'IPv6 Address')).toContainText(SEED_DISPLAY_V6);
  });

  test('a network card: what is out of sync, after a pause, beside its chip', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // display out of sync in the answer, as an engine reports it (its
    // reported configurations say what differs).
    await patchAnswer(page, /\/api\/hosts\/[^/]+\/network(\?.*)?$/, (body) => {
      for (const a of body.attachments) {
        if (a.network.name !== 'display') continue;
        a.in_sync = false;
        a.reported = [{ name: 'mtu', expected: '1500', actual: '1500', in_sync: true },
          { name: 'ipv6_boot_protocol', expected: 'AUTOCONF', actual: 'DHCP', in_sync: false }];
      }
    });
    const d = await openSetup(page, 'host1');
    await chip(d, 'display').hover();
    const card = d.locator('#sn-chip-net-display-details');
    await expect(card).toContainText('IPv6 boot protocol: engine AUTOCONF, host DHCP');
    await expect(card).toBeVisible();
    await expect(card).toHaveCSS('pointer-events', 'none');
    const [c, k] = [await chip(d, 'display').boundingBox(), await card.boundingBox()];
    expect(k!.x).toBeGreaterThanOrEqual(c!.x + c!.width - 1); // beside, not below
    await expect.poll(() => card.evaluate((el) => getComputedStyle(el).opacity)).toBe('1'); // after its pause
    await page.screenshot({ path: `${screenshotDir}/setup-networks-card.png` });
    await d.getByRole('button', { name: 'Cancel' }).click();
  });

  test('Esc with pending edits asks before discarding them; the focus starts on the board and in Edit Network', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const d = await openSetup(page);
    // The first chip, not OK, has the focus once the board is drawn.
    await expect(d.locator('#sn-chip-nic-bond0')).toBeFocused();
    // Without edits Esc closes at once.
    await page.keyboard.press('Escape');
    await expect(d).toHaveCount(0);
    await page.getByRole('button', { name: 'Setup Host Networks' }).click();
    await expect(d.locator('#sn-status')).toHaveText('Drag to make changes');
    // Edit Network opened with the mouse: the focus on its boot protocol.
    const e = await editNetwork(page, d, 'ovirtmgmt');
    await expect(e.locator('#net-ipv4-proto-static')).toBeFocused();
    await page.screenshot({ path: `${screenshotDir}/edit-network-focus.png` });
    await e.getByRole('button', { name: 'Cancel' }).click();
    await menuAction(page, d, 'display', 'Detach Network display');
    await expect(d.locator('#sn-unassigned')).toContainText('display');
    await chip(d, 'display').focus();
    await page.keyboard.press('Escape');
    const q = dialog(page, 'Discard changes?');
    await expect(q).toBeVisible();
    await expect(q).toContainText('have not been applied');
    await expect(q.getByRole('button', { name: 'Keep editing' })).toBeFocused();
    await page.screenshot({ path: `${screenshotDir}/setup-networks-discard.png` });
    await audit(page, 'Discard changes?');
    await q.getByRole('button', { name: 'Keep editing' }).click();
    await expect(q).toHaveCount(0);
    await expect(d.locator('#sn-unassigned')).toContainText('display'); // the edit is kept
    await d.locator('#setup-networks-dialog-close').click();
    await dialog(page, 'Discard changes?').getByRole('button', { name: 'Discard' }).click();
    await expect(d).toHaveCount(0);
    await page.getByRole('button', { name: 'Setup Host Networks' }).click();
    await expect(d.locator('.v6-sn-iface[data-nic="eth1"]')).toContainText('display'); // nothing was applied
    await d.getByRole('button', { name: 'Cancel' }).click();
  });

  test('an obviously fatal management change is warned about before it is applied', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    // host2: eth6 and eth7 have no link.
    const d = await openSetup(page, 'host2');
    await menuAction(page, d, 'ovirtmgmt', 'Attach ovirtmgmt to eth6');
    await d.getByRole('button', { name: 'OK' }).click();
    const q = dialog(page, 'The host may lose its connection to the engine');
    await expect(q).toBeVisible();
    await expect(q).toContainText('The management network ovirtmgmt would be on eth6, whose link is down');
    await expect(q).toContainText('the engine waits 120 s for the host, then the host rolls the change back');
    await expect(q.getByRole('button', { name: 'Back to editing' })).toBeFocused();
    await page.screenshot({ path: `${screenshotDir}/setup-networks-fatal-change.png` });
    await audit(page, 'fatal change warning');
    await q.getByRole('button', { name: 'Back to editing' }).click();
    await expect(q).toHaveCount(0);
    await expect(d.locator('#sn-progress')).toHaveCount(0); // nothing sent
    await expect(d.locator('.v6-sn-iface[data-nic="eth6"]')).toContainText('ovirtmgmt');
    // Back on eth0, with IPv4 and IPv6 both None.
    await menuAction(page, d, 'ovirtmgmt', 'Attach ovirtmgmt to eth0');
    const e = await editNetwork(page, d, 'ovirtmgmt');
    await e.locator('#net-ipv4-proto-none').check();
    await e.getByRole('tab', { name: 'IPv6' }).click();
    await e.locator('#net-ipv6-proto-none').check();
    await e.getByRole('button', { name: 'OK' }).click();
    await expect(e).toHaveCount(0);
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(q).toContainText('would have no IP address (IPv4 and IPv6 boot protocols both None)');
    await q.getByRole('button', { name: 'Back to editing' }).click();
    await d.getByRole('button', { name: 'Cancel' }).click();
    await expect(d).toHaveCount(0);
  });

  test('arrow keys pressed quickly move the focus once each', async ({ page }) => {
    const d = await openSetup(page);
    // The chips in focus order (bond0, eth2, eth3, its networks, eth0, ...).
    const ids = await d.locator('[data-key]').evaluateAll((els) => els.map((el) => el.id));
    await d.locator(`#${ids[0]}`).focus();
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
    await expect(d.locator(`#${ids[7]}`)).toBeFocused();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    await expect(d.locator(`#${ids[4]}`)).toBeFocused();
  });

  test('a change the engine rolls back keeps the dialog open with every edit', async ({ page }) => {
    const d = await openSetup(page);
    const e = await editNetwork(page, d, 'ovirtmgmt');
    await e.locator('#net-ipv4-proto-none').check();
    await e.getByRole('tab', { name: 'IPv6' }).click();
    await e.locator('#net-ipv6-proto-none').check();
    await e.getByRole('button', { name: 'OK' }).click();
    await expect(d.getByLabel('Verify connectivity between Host and Engine')).toBeChecked();
    await d.getByLabel('Connectivity check timeout (seconds)').fill('5');
    await d.getByRole('button', { name: 'OK' }).click();
    // Obviously fatal: asked first, and applied anyway.
    const q = dialog(page, 'The host may lose its connection to the engine');
    await expect(q).toContainText('the engine waits 5 s for the host');
    await q.getByRole('button', { name: 'Apply anyway' }).click();
    // Live progress from /ws while the engine waits for the host: this
    // change's own event, the current step, the elapsed time.
    const progress = d.locator('#sn-progress');
    await expect(progress.locator('#sn-progress-events')).toContainText("(1/1): Applying network's changes on host host0.", { timeout: 10_000 });
    await expect(progress.locator('[aria-current="step"]')).toContainText('Applying the changes on host host0');
    await expect(progress).toContainText('rolls the changes back after 5 s');
    await expect(progress).toContainText(/Elapsed: \d+ s/);
    await page.screenshot({ path: `${screenshotDir}/setup-networks-progress.png` });
    await expect(d.locator('#sn-error')).toBeVisible({ timeout: 40_000 });
    await expect(d.locator('#sn-error')).toContainText('connectivity check failed');
    await expect(progress.locator('#sn-progress-events')).toContainText('(1/1): Failed to apply changes on host host0.');
    await expect(progress).toContainText('Not applied');
    await page.screenshot({ path: `${screenshotDir}/setup-networks-rollback.png` });
    await expect(d).toBeVisible();
    const e2 = await editNetwork(page, d, 'ovirtmgmt');
    await expect(e2.locator('#net-ipv4-proto-none')).toBeChecked();
    await expect(e2.locator('#net-ipv6-proto-none')).toBeChecked();
  });

  test('done when: keyboard alone on host2, static IPv6 on display and SLAAC on storage, both in the NIC table', async ({ page }) => {
    // host2: ovirtmgmt on eth0, storage (VLAN 200, DHCPv6) on eth1; display
    // (VLAN 100) unassigned; eth2..eth7 free.
    await login(page);
    await hostRow(page, 'host2').getByRole('link', { name: 'host2' }).click();
    await expect(page.getByRole('heading', { name: 'host2 — Network Interfaces' })).toBeVisible();
    await expect(nicCell(page, 'eth1', 'Logical Networks')).toContainText('storage');
    const kb = page.keyboard;
    const active = () => page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? (el.dataset.key || el.id || el.tagName) : '';
    });
    // Press key until the focus is on want (at most n times).
    const pressUntil = async (key: string, want: string, n = 40) => {
      for (let i = 0; i < n; i++) {
        const now = await active();
        if (now === want) break;
        await kb.press(key);
        // The dialog moves the focus after a render: wait for it to move.
        await expect.poll(active, { timeout: 2_000 }).not.toBe(now);
      }
      expect(await active()).toBe(want);
    };
    await page.getByRole('button', { name: 'Setup Host Networks' }).focus();
    await kb.press('Enter');
    const d = dialog(page, 'Setup Host host2 Networks');
    await expect(d.locator('#sn-status')).toHaveText('Drag to make changes');
    // Tab into the board, then the arrow keys to the display chip.
    await pressUntil('Tab', 'nic:eth0');
    await pressUntil('ArrowDown', 'net:display');
    await kb.press('Enter');
    await expect(d.getByRole('menu', { name: 'Actions of display' })).toBeVisible();
    await expect.poll(active).toBe('sn-menu-item-0');
    await pressUntil('ArrowDown', 'sn-menu-item-2', 12); // eth0, eth1, eth2, ...
    await expect(page.locator('#sn-menu-item-2')).toHaveAccessibleName('Attach display to eth2');
    await kb.press('Enter');
    await expect(d.locator('#sn-status')).toContainText('Attach display to eth2 — done.');
    await expect(d.locator('.v6-sn-iface[data-nic="eth2"]')).toContainText('display');
    await expect.poll(active).toBe('net:display');

    // Edit Network display: F2 on the chip; IPv6 tab by the arrow keys;
    // Static by the arrow keys; the address typed; Enter is OK.
    await kb.press('F2');
    const e = dialog(page, 'Edit Network display');
    await expect(e).toBeVisible();
    await expect.poll(active).toBe('net-ipv4-proto-none');
    await pressUntil('Shift+Tab', 'net-tabs-tab-ipv4', 3); // past the tab panel
    await kb.press('ArrowRight');
    await expect(e.getByRole('tab', { name: 'IPv6' })).toHaveAttribute('aria-selected', 'true');
    await kb.press('Tab');
    await pressUntil('Tab', 'net-ipv6-proto-none', 3);
    await pressUntil('ArrowDown', 'net-ipv6-proto-static', 5);
    await expect(e.locator('#net-ipv6-proto-static')).toBeChecked();
    await kb.press('Tab');
    await expect.poll(active).toBe('net-ipv6-address');
    await kb.type('2001:0DB8:100:0:0:0:0:13');
    await expect(e.locator('#net-ipv6-address-canonical')).toHaveText('2001:db8:100::13');
    await expect(e.locator('#net-ipv6-prefix')).toHaveValue('64');
    await kb.press('Enter');
    await expect(e).toHaveCount(0);
    await expect.poll(active).toBe('net:display');

    // SLAAC on storage: Enter on its chip, "Edit Network storage" (the
    // last item), then Stateless Address Autoconfiguration.
    await pressUntil('ArrowUp', 'net:storage');
    await kb.press('Enter');
    await expect.poll(active).toBe('sn-menu-item-0');
    await kb.press('End');
    await expect(page.locator(':focus')).toHaveAccessibleName('Edit Network storage');
    await kb.press('Enter');
    const e2 = dialog(page, 'Edit Network storage');
    await expect(e2).toBeVisible();
    await expect.poll(active).toBe('net-ipv4-proto-none');
    await pressUntil('Shift+Tab', 'net-tabs-tab-ipv4', 3);
    await kb.press('ArrowRight');
    await expect.poll(active).toBe('net-tabs-tab-ipv6');
    await kb.press('Tab');
    await pressUntil('Tab', 'net-ipv6-proto-dhcp', 3);
    await kb.press('ArrowDown');
    await expect(e2.locator('#net-ipv6-proto-autoconf')).toBeChecked();
    await kb.press('Enter');
    await expect(e2).toHaveCount(0);

    // OK by the keyboard; the change's progress shows while it runs.
    await pressUntil('Tab', 'sn-ok', 60);
    await kb.press('Enter');
    await expect(d.locator('#sn-progress')).toBeVisible();
    await expect(d).toHaveCount(0, { timeout: 30_000 });

    // Both in the NIC table, with their scopes.
    const v6eth2 = nicCell(page, 'eth2', 'IPv6 Address');
    await expect(v6eth2).toContainText('2001:db8:100::13/64');
    await expect(v6eth2.locator('.v6-scope').first()).toHaveText('documentation');
    // The MAC is in the row's details.
    await page.locator('#nics-table tr[data-nic="eth1"]').getByRole('button', { name: 'Details of eth1' }).click();
    const mac = (await page.locator('#nics-table tr[data-nic-details="eth1"] [data-stat="mac"]').innerText()).trim();
    const slaac = slaacAddress('2001:db8:200::', mac);
    const v6eth1 = nicCell(page, 'eth1', 'IPv6 Address');
    await expect(v6eth1).toContainText(`${slaac}/64`);
    await expect(v6eth1).toContainText('Stateless Address Autoconfiguration');
    await expect(v6eth1.locator('.v6-scope').first()).toHaveText('documentation');
    await page.screenshot({ path: `${screenshotDir}/done-when-host2-nics.png`, fullPage: true });
  });
});

// slaacAddress is the RFC 4862 address of a MAC in a /64 (modified EUI-64),
// in RFC 5952 form.
function slaacAddress(prefix64: string, mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  const iid = [(b[0] ^ 2) << 8 | b[1], b[2] << 8 | 0xff, 0xfe << 8 | b[3], b[4] << 8 | b[5]];
  const head = prefix64.replace(/::$/, '').split(':').map((x) => parseInt(x, 16));
  while (head.length < 4) head.push(0);
  const g = [...head, ...iid];
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j === i ? i + 1 : j;
  }
  const hex = g.map((x) => x.toString(16));
  if (best < 0) return hex.join(':');
  return hex.slice(0, best).join(':') + '::' + hex.slice(best + bestLen).join(':');
}

// A change left running: a server of its own whose simulated vdsm takes
// 10 s to apply a change (the suite's server takes 1 s), so that the page
// can be reloaded in the middle.
const slowPort = execFileSync(process.execPath, ['-e',
  "const s=require('net').createServer();s.listen(0,'::1',()=>{process.stdout.write(String(s.address().port));s.close()})",
]).toString().trim();
const slowURL = `http://[::1]:${slowPort}`;

test.describe('Setup Host Networks, a change left running', () => {
  let server: ChildProcess | undefined;
  test.use({ baseURL: slowURL });
  test.beforeAll(async () => {
    server = spawn('./serve.sh', [], {
      env: { ...process.env, V6ADMIN_E2E_PORT: slowPort, V6ADMIN_NETWORK_APPLY_DELAY: '10s' }, stdio: 'ignore',
    });
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`${slowURL}/healthz`)).ok) return;
      } catch { /* not up yet */ }
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the slow server did not start');
  });
  test.afterAll(() => { server?.kill('SIGTERM'); });

  test('reloading during an apply: the change goes on, the page shows it running, then applied', async ({ page }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    const d = await openSetup(page, 'host2');
    const e = await editNetwork(page, d, 'storage');
    await e.getByRole('tab', { name: 'IPv6' }).click();
    await e.locator('#net-ipv6-proto-autoconf').check();
    await e.getByRole('button', { name: 'OK' }).click();
    await expect(e).toHaveCount(0);
    await d.getByRole('button', { name: 'OK' }).click();
    await expect(d.locator('#sn-progress-events')).toContainText("(1/1): Applying network's changes on host host2.", { timeout: 10_000 });
    // Reload in the middle of vdsm's 10 s.
    await openApp(page, page.url());
    await expect(page.getByRole('heading', { name: 'host2 — Network Interfaces' })).toBeVisible();
    const banner = page.locator('#running-change');
    await expect(banner).toContainText(/Network changes are being applied on host2 — started \d\d:\d\d/);
    await expect(banner.locator('#running-change-progress-events')).toContainText("(1/1): Applying network's changes on host host2.");
    await expect(banner.locator('[aria-current="step"]')).toContainText('Applying the changes on host host2');
    await page.screenshot({ path: `${screenshotDir}/nics-running-change.png` });
    // The engine finishes it: applied, and the table shows it.
    await expect(banner).toContainText('Network changes were applied on host2', { timeout: 20_000 });
    await expect(banner.locator('#running-change-progress-events')).toContainText('(1/1): Successfully applied changes on host host2.');
    await expect(nicCell(page, 'eth1', 'IPv6 Address')).toContainText('Stateless Address Autoconfiguration');
    await page.screenshot({ path: `${screenshotDir}/nics-running-change-applied.png` });
  });
});
