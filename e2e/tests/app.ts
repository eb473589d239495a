import { Page, expect } from '@playwright/test';

// openApp loads a page and waits until the wasm UI has mounted: the
// prerendered DOM is visible before that but not live, and input typed into
// it can be lost.
export async function openApp(page: Page, path = '/') {
  await page.goto(path);
  await expect(page.locator('#app-wasm-loader')).toHaveCount(0, { timeout: 30_000 });
}
