// Regenerates docs/screenshots/*.png: every page of the sidebar (as the admin sees it), the
// login page, a task's detail, and the dashboard dark, in Chinese and on a phone.
//
//   TASKFORGE_URL=http://127.0.0.1:8080 TASKFORGE_PASSWORD=... npm run screenshots
//
// Needs a running server with some data (the quickstart's examples are enough) and Chromium
// (TASKFORGE_CHROMIUM, default /usr/bin/chromium).
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const base = (process.env.TASKFORGE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '')
const user = process.env.TASKFORGE_USER ?? 'admin'
const password = process.env.TASKFORGE_PASSWORD
const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'screenshots')
if (!password) {
  console.error('Set TASKFORGE_PASSWORD (and TASKFORGE_URL, default http://127.0.0.1:8080).')
  process.exit(2)
}

/** "/" -> dashboard, "/tasks" -> tasks, "/queues/dead" -> queues-dead */
const fileName = (path) => (path === '/' ? 'dashboard' : path.replace(/^\//, '').replace(/[^a-zA-Z0-9]+/g, '-'))

async function settle(page) {
  await page.waitForLoadState('networkidle').catch(() => {})
  // Charts animate in and spinners fade out; a still frame needs a moment.
  await page.waitForTimeout(1200)
}

async function shoot(page, name) {
  await settle(page)
  const file = join(out, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  console.log(`  ${file}`)
}

async function signIn(page) {
  await page.goto(`${base}/login`)
  await page.getByTestId('login-username').locator('input').fill(user)
  await page.getByTestId('login-password').locator('input').fill(password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('user-menu').waitFor()
}

async function newPage(browser, options) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US', colorScheme: 'light', ...options })
  return context.newPage()
}

await mkdir(out, { recursive: true })
const browser = await chromium.launch({
  executablePath: process.env.TASKFORGE_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage'],
})
try {
  console.log(`screenshots of ${base} into ${out}`)
  const page = await newPage(browser)
  await page.goto(`${base}/login`)
  await shoot(page, 'login')
  await signIn(page)

  const paths = await page.locator('[data-nav]').evaluateAll((links) => links.map((a) => a.getAttribute('data-nav')))
  for (const path of paths) {
    await page.goto(base + path)
    await shoot(page, fileName(path))
  }

  // A task's detail page: the newest finished shell task (it has a log to show), else the newest task.
  const newest = await page.evaluate(async () => {
    const tokens = JSON.parse(localStorage.getItem('taskforge.tokens') ?? 'null')
    const headers = { Authorization: `Bearer ${tokens?.accessToken}` }
    for (const query of ['type=shell&status=SUCCEEDED,FAILED&limit=1', 'limit=1']) {
      const r = await fetch(`/api/v1/tasks?${query}`, { headers })
      const id = r.ok ? (await r.json()).items[0]?.id : undefined
      if (id) return id
    }
    return undefined
  })
  if (newest) {
    await page.goto(`${base}/tasks/${newest}`)
    await shoot(page, 'task-detail')
  }

  await page.goto(`${base}/`)
  await page.getByTestId('theme-switcher').click()
  await shoot(page, 'dashboard-dark')
  await page.getByTestId('theme-switcher').click()

  const zh = await newPage(browser, { locale: 'zh-CN' })
  await signIn(zh)
  await shoot(zh, 'dashboard-zh-CN')

  const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
  await signIn(phone)
  await shoot(phone, 'dashboard-phone')
} finally {
  await browser.close()
}
