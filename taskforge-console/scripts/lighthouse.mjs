// Lighthouse scores of the signed-in console: performance and accessibility of the dashboard and
// the tasks page (the bar is 90 for both), printed as a table and written as JSON.
//
//   TASKFORGE_URL=http://127.0.0.1:8080 TASKFORGE_PASSWORD=... npm run lighthouse [-- /path ...]
//
// The console keeps its session in localStorage, which Lighthouse's own browser would not have:
// this starts the system Chromium with a debugging port, signs in there with Playwright, then lets
// Lighthouse (run through npx, pinned) audit pages in that same browser without clearing storage.
// Lighthouse is not a dependency of the build: it is only fetched, by npm, when this runs.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

const LIGHTHOUSE = 'lighthouse@12.8.2'
const base = (process.env.TASKFORGE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '')
const user = process.env.TASKFORGE_USER ?? 'admin'
const password = process.env.TASKFORGE_PASSWORD
const executable = process.env.TASKFORGE_CHROMIUM ?? '/usr/bin/chromium'
// Lighthouse's default emulates a mid-range phone (4x slower CPU, slow 4G); LIGHTHOUSE_PRESET=desktop
// measures the desktop the console is mostly used on.
const preset = process.env.LIGHTHOUSE_PRESET ?? 'mobile'
const paths = process.argv.slice(2).length ? process.argv.slice(2) : ['/', '/tasks']
const port = 9300 + Math.floor(Math.random() * 500)
if (!password) {
  console.error('Set TASKFORGE_PASSWORD (and TASKFORGE_URL, default http://127.0.0.1:8080).')
  process.exit(2)
}

function run(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] })
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))))
  })
}

async function waitForDebugger() {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/json/version`)
      if (r.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`Chromium did not open its debugging port ${port}`)
}

const profile = await mkdtemp(join(tmpdir(), 'tf-lighthouse-'))
const browserProcess = spawn(
  executable,
  ['--headless=new', `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, '--no-sandbox', '--disable-dev-shm-usage', 'about:blank'],
  { stdio: 'ignore' },
)
const results = []
try {
  await waitForDebugger()
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`)
  const page = browser.contexts()[0].pages()[0] ?? (await browser.contexts()[0].newPage())
  await page.goto(`${base}/login`)
  await page.getByTestId('login-username').locator('input').fill(user)
  await page.getByTestId('login-password').locator('input').fill(password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('user-menu').waitFor()
  await browser.close() // only the connection: the browser and its signed-in profile stay

  for (const path of paths) {
    // LIGHTHOUSE_REPORTS=DIR keeps Lighthouse's full reports (long tasks, bootup time per script).
    const report = join(process.env.LIGHTHOUSE_REPORTS ?? profile, `report-${results.length}.json`)
    await run('npx', [
      '--yes',
      LIGHTHOUSE,
      `${base}${path}`,
      `--port=${port}`,
      '--disable-storage-reset',
      '--only-categories=performance,accessibility',
      '--output=json',
      `--output-path=${report}`,
      '--quiet',
      ...(preset === 'desktop' ? ['--preset=desktop'] : []),
    ])
    const lhr = JSON.parse(await readFile(report, 'utf8'))
    const audit = (id) => lhr.audits[id]?.displayValue ?? '-'
    results.push({
      path,
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      firstContentfulPaint: audit('first-contentful-paint'),
      largestContentfulPaint: audit('largest-contentful-paint'),
      totalBlockingTime: audit('total-blocking-time'),
      cumulativeLayoutShift: audit('cumulative-layout-shift'),
    })
    const failing = lhr.categories.accessibility.auditRefs
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1)
      .map((ref) => ref.id)
    if (failing.length) console.log(`${path}: accessibility audits not passed: ${failing.join(', ')}`)
    for (const id of failing) {
      for (const item of lhr.audits[id].details?.items ?? []) {
        console.log(`  ${id}: ${item.node?.selector ?? ''} ${item.node?.explanation?.split('\n')[1] ?? ''}`)
      }
    }
  }
} finally {
  const exited = new Promise((r) => browserProcess.once('exit', r))
  browserProcess.kill()
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
  await rm(profile, { recursive: true, force: true, maxRetries: 5 })
}

console.log(`preset: ${preset}`)
console.table(results)
const out = process.env.LIGHTHOUSE_OUTPUT ?? 'target/lighthouse.json'
await writeFile(out, JSON.stringify({ url: base, preset, at: new Date().toISOString(), results }, null, 2))
console.log(`written to ${out}`)
