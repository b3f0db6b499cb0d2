// End-to-end tests against a running server: TASKFORGE_E2E_URL (its address) and
// TASKFORGE_E2E_PASSWORD (the admin's password). ConsoleEndToEndIT in taskforge-server starts a
// server and runs these; by hand: `TASKFORGE_E2E_URL=http://127.0.0.1:8080 TASKFORGE_E2E_PASSWORD=... npm run e2e`.
import { defineConfig } from '@playwright/test'

const chromium = process.env.TASKFORGE_CHROMIUM ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // One server, one admin: specs run one at a time, each on its own browser context.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list']],
  outputDir: 'target/e2e-results',
  use: {
    baseURL: process.env.TASKFORGE_E2E_URL ?? 'http://127.0.0.1:8080',
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'en-US',
    colorScheme: 'light',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: chromium, args: ['--no-sandbox', '--disable-dev-shm-usage'] },
  },
})
