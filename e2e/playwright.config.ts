import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';

// The server under test listens on the IPv6 loopback only, on a free port
// chosen once here (workers inherit it through the environment): every
// browser test reaches v6admin over IPv6. serve.sh gives it a fresh data
// directory, so each run starts from the embedded engine's seed.
if (!process.env.V6ADMIN_E2E_PORT) {
  process.env.V6ADMIN_E2E_PORT = execFileSync(process.execPath, ['-e',
    "const s=require('net').createServer();s.listen(0,'::1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString().trim();
}
const port = process.env.V6ADMIN_E2E_PORT;
const baseURL = `http://[::1]:${port}`;

// The replay project: v6admin in front of the replay engine
// (engine/replay), which answers from the fixtures in the real engine's
// shape; two more free ports, and its server only when the project runs.
function freePort(): string {
  return execFileSync(process.execPath, ['-e',
    "const s=require('net').createServer();s.listen(0,'::1',()=>{process.stdout.write(String(s.address().port));s.close()})",
  ]).toString().trim();
}
process.env.V6ADMIN_REPLAY_PORT ||= freePort();
process.env.V6ADMIN_REPLAY_ENGINE_PORT ||= freePort();
const replayURL = `http://[::1]:${process.env.V6ADMIN_REPLAY_PORT}`;
const replayEngineURL = `http://[::1]:${process.env.V6ADMIN_REPLAY_ENGINE_PORT}`;
const projectArgs = process.argv.flatMap((a, i, all) =>
  a.startsWith('--project=') ? [a.slice('--project='.length)] : a === '--project' ? [all[i + 1]] : []);
const runs = (p: string) => projectArgs.length === 0 || projectArgs.includes(p);
const server = (command: string, url: string) => ({
  command, url, reuseExistingServer: false, timeout: 60_000, stdout: 'pipe' as const, stderr: 'pipe' as const,
});

const chromium = {
  browserName: 'chromium' as const,
  headless: true,
  serviceWorkers: 'block' as const,
  launchOptions: {
    // Debian's Chromium; never `npx playwright install` (no downloads here).
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
};

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  outputDir: './test-results/output',
  // Every test, and so every screenshot, at 1280x800: the smallest screen
  // the layout promises to fit.
  use: { baseURL, screenshot: 'only-on-failure', viewport: { width: 1280, height: 800 }, ...chromium },
  projects: [
    // The browser tests (make test-e2e).
    { name: 'e2e', testIgnore: [/perf\.spec\.ts/, /replay\//], use: { ...chromium } },
    // The performance figures (make bench): run alone, never by default.
    { name: 'perf', testMatch: /perf\.spec\.ts/, use: { ...chromium } },
    // The browser tests against the replay engine (make test-e2e).
    { name: 'replay', testMatch: /replay\/.*\.spec\.ts/, use: { ...chromium, baseURL: replayURL } },
  ],
  webServer: [
    ...(runs('e2e') || runs('perf') ? [{ ...server('./serve.sh', `${baseURL}/healthz`), timeout: 30_000 }] : []),
    ...(runs('replay') ? [server('./serve-replay.sh', `${replayURL}/healthz`)] : []),
  ],
});
