// The operations pages against a running server: the monitor draws its charts, an admin pauses
// and resumes a queue, the worker list shows the server's embedded worker. No browser console
// errors anywhere.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { randomUUID } from 'node:crypto'

const BASE = process.env.CONSOLE_URL ?? 'http://127.0.0.1:8080'
const USER = process.env.CONSOLE_USER ?? 'admin'
const PASSWORD = process.env.CONSOLE_PASSWORD ?? process.env.TASKFORGE_ADMIN_PASSWORD ?? ''

test.use({
  baseURL: BASE,
  launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
})

test.beforeAll(() => {
  if (!PASSWORD) throw new Error('Set CONSOLE_PASSWORD (or TASKFORGE_ADMIN_PASSWORD) to the admin password of the server under test')
})

/** Browser console errors and uncaught exceptions of the page, to assert none happened. */
function collectErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
  return errors
}

async function signIn(page: Page) {
  await page.addInitScript(() => localStorage.setItem('taskforge.locale', 'en'))
  await page.goto('/login')
  await page.getByTestId('login-username').locator('input').fill(USER)
  await page.getByTestId('login-password').locator('input').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

async function apiToken(request: APIRequestContext): Promise<string> {
  const r = await request.post('/api/v1/auth/login', { data: { username: USER, password: PASSWORD } })
  expect(r.status(), await r.text()).toBe(200)
  return (await r.json()).accessToken as string
}

/** How many pixels of the canvas are painted (not fully transparent). */
async function paintedPixels(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).locator('canvas').first().evaluate((el) => {
    const canvas = el as HTMLCanvasElement
    const ctx = canvas.getContext('2d')
    if (!ctx || canvas.width === 0 || canvas.height === 0) return 0
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data
    let n = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++
    return n
  })
}

test('the monitor draws its charts without console errors', async ({ page }) => {
  const errors = collectErrors(page)
  await signIn(page)
  await page.goto('/monitor')
  await expect(page.getByRole('heading', { name: 'Monitor' })).toBeVisible()
  await expect(page.getByTestId('gauge-cpu')).toBeVisible()
  const charts = ['chart-cpu', 'chart-memory', 'chart-heap', 'chart-disk', 'chart-depth', 'chart-throughput', 'chart-durations', 'chart-apis']
  for (const id of charts) {
    await expect(page.getByTestId(id).locator('canvas').first()).toBeAttached()
    await expect.poll(() => paintedPixels(page, id), { message: `${id} draws something`, timeout: 15_000 }).toBeGreaterThan(500)
  }
  // A second sample arrives 5 s later and extends the live lines: the window switch redraws them.
  await page.getByTestId('window-15m').click()
  await expect(page).toHaveURL(/window=15m/)
  await expect.poll(() => paintedPixels(page, 'chart-cpu')).toBeGreaterThan(500)
  expect(errors).toEqual([])
})

test('an admin pauses and resumes a queue', async ({ page, request }) => {
  const errors = collectErrors(page)
  const token = await apiToken(request)
  const auth = { Authorization: `Bearer ${token}` }
  const queue = `e2e-ops-${randomUUID().slice(0, 8)}`
  // A task in a queue no worker serves makes the queue appear and stays QUEUED.
  const created = await request.post('/api/v1/tasks', { headers: auth, data: { type: 'noop', title: 'e2e ops waiting', queue } })
  expect(created.status(), await created.text()).toBe(201)
  const task = await created.json()
  try {
    await signIn(page)
    await page.goto('/queues')
    const row = page.getByTestId('queues-table').locator('tr', { has: page.getByRole('link', { name: queue, exact: true }) })
    await expect(row).toBeVisible()
    await expect(row.getByTestId('queue-paused')).toHaveCount(0)

    await row.getByTestId(`pause-${queue}`).click()
    await page.getByTestId('confirm-pause').click()
    await expect(row.getByTestId('queue-paused')).toBeVisible()
    const paused = await (await request.get(`/api/v1/queues/${queue}`, { headers: auth })).json()
    expect(paused.paused).toBe(true)

    await row.getByTestId(`resume-${queue}`).click()
    await expect(row.getByTestId('queue-paused')).toHaveCount(0)
    const resumed = await (await request.get(`/api/v1/queues/${queue}`, { headers: auth })).json()
    expect(resumed.paused).toBe(false)

    // The queue's own page agrees.
    await row.getByRole('link', { name: queue, exact: true }).click()
    await expect(page.getByTestId('queue-state')).toHaveText('Active')
    await expect(page.getByTestId('dead-letters').or(page.getByText('No failed task in this queue.'))).toBeVisible()
    expect(errors).toEqual([])
  } finally {
    await request.post(`/api/v1/tasks/${task.id}/cancel`, { headers: auth })
    await request.delete(`/api/v1/tasks/${task.id}`, { headers: auth })
  }
})

test('the worker list shows the embedded worker', async ({ page, request }) => {
  const errors = collectErrors(page)
  const token = await apiToken(request)
  const workers = (await (await request.get('/api/v1/workers', { headers: { Authorization: `Bearer ${token}` } })).json()).items as {
    id: string
    status: string
    queues: string[]
  }[]
  const embedded = workers.find((w) => w.status === 'ACTIVE' && w.queues.includes('default'))
  expect(embedded, 'the server runs an embedded worker serving the default queue').toBeTruthy()

  await signIn(page)
  await page.goto('/workers')
  const row = page.getByTestId('workers-table').locator('tr', { hasText: embedded!.id })
  await expect(row).toBeVisible()
  await expect(row.locator('[data-status="ACTIVE"]')).toBeVisible()
  await expect(row.getByTestId('heartbeat-age')).toHaveText(/ago$/)
  // The expanded row lists what it runs now (or says it runs nothing); a busy worker opens by itself.
  const running = page.getByTestId('workers-table').locator('.tf-worker-tasks')
  if (!(await running.isVisible())) await row.getByTestId('toggle-running').click()
  await expect(running).toBeVisible()
  await expect(row.getByTestId('toggle-running')).toHaveAttribute('aria-expanded', 'true')
  expect(errors).toEqual([])
})
