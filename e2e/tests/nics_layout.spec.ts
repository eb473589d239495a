import { test, expect, Page } from '@playwright/test';
import { login, hostRow, screenshotDir } from './app';

// Every address of the NIC table must be readable in full at 1280x800:
// no clipped address, no truncated header, no horizontal scroll.
async function checkLayout(page: Page) {
  const table = page.locator('#nics-table');
  await expect(table).toBeVisible();
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    const se = document.scrollingElement!;
    if (se.scrollWidth > se.clientWidth) out.push(`page scrolls horizontally: ${se.scrollWidth} > ${se.clientWidth}`);
    document.querySelectorAll<HTMLElement>('#nics-table, .v6-table-scroll').forEach((el) => {
      let p: HTMLElement | null = el;
      for (; p; p = p.parentElement) {
        if (p.scrollWidth > p.clientWidth + 1 && getComputedStyle(p).overflowX !== 'visible') {
          out.push(`${p.tagName}.${p.className} scrolls: ${p.scrollWidth} > ${p.clientWidth}`);
        }
      }
    });
    const addrs = document.querySelectorAll<HTMLElement>('#nics-table .v6-ip__addr');
    if (addrs.length === 0) out.push('no address cell');
    addrs.forEach((a) => {
      const r = a.getBoundingClientRect();
      if (a.scrollWidth > a.clientWidth) out.push(`address clipped: ${a.textContent} (${a.scrollWidth} > ${a.clientWidth})`);
      if (r.left < 0 || r.right > vw) out.push(`address outside the viewport: ${a.textContent} (${r.left}..${r.right} of ${vw})`);
      // readable on one line: no wrap inside the address
      if (r.height > 2 * parseFloat(getComputedStyle(a).lineHeight || '20')) out.push(`address wraps: ${a.textContent}`);
      // not covered: the cell shows it
      const cell = a.closest('td')!;
      const cr = cell.getBoundingClientRect();
      if (r.right > cr.right + 1) out.push(`address overflows its cell: ${a.textContent}`);
    });
    document.querySelectorAll<HTMLElement>('#nics-table thead th').forEach((th) => {
      const t = (th.textContent || '').trim();
      if (th.scrollWidth > th.clientWidth) out.push(`header truncated: ${t}`);
      const inner = th.querySelector<HTMLElement>('.pf-v6-c-table__text, span, button') || th;
      if (inner.scrollWidth > inner.clientWidth) out.push(`header text truncated: ${t}`);
      const r = th.getBoundingClientRect();
      if (r.right > vw) out.push(`header outside the viewport: ${t}`);
    });
    return out;
  });
  expect(problems).toEqual([]);
}

test.describe('NIC table at 1280x800', () => {

  for (const host of ['host0', 'host1', 'host2']) {
    test(`every address of ${host} is readable in full`, async ({ page }) => {
      await login(page);
      await hostRow(page, host).getByRole('link', { name: host }).click();
      await expect(page.locator('#nics-table tr[data-nic="eth0"]')).toBeVisible();
      await checkLayout(page);
      await page.getByText('Show link-local addresses').click();
      await checkLayout(page);
      if (host === 'host1') {
        await page.screenshot({ path: `${screenshotDir}/nics-table-1280.png` });
      }
    });
  }

  test('statistics fold into a details row', async ({ page }) => {
    await login(page);
    await hostRow(page, 'host0').getByRole('link', { name: 'host0' }).click();
    const eth0 = page.locator('#nics-table tr[data-nic="eth0"]');
    const toggle = eth0.getByRole('button', { name: 'Details of eth0' });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    const details = page.locator('#nics-table tr[data-nic-details="eth0"]');
    await expect(details).toBeHidden();
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(details).toBeVisible();
    await expect(details.locator('[data-stat="mac"]')).toHaveText(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    await expect(details.locator('[data-stat="rate"]')).toHaveText(/^(\d+(\.\d+)?|< 0\.01) \/ (\d+(\.\d+)?|< 0\.01)$/);
    await expect(details.locator('[data-stat="total"]')).toHaveText(/^[\d.]+ [KMGT]?i?B \/ [\d.]+ [KMGT]?i?B$/);
    await expect(details.locator('[data-stat="drops"]')).toHaveText(/^\d+$/);
    await checkLayout(page);
    await page.screenshot({ path: `${screenshotDir}/nics-table-details-1280.png` });
  });
});
