// The operations pages: the monitor draws its charts, an admin pauses and resumes a queue, the
// worker list shows the server's embedded worker. The support fixture fails a test on any
// browser console error.
import { test, expect, signIn, Api, unique } from './support'
import type { Page } from '@playwright/test'

/** How many pixels of the chart's canvas are painted (not fully transparent). */
async function paintedPixels(page: Page, testId: string): Promise<number> {
  return page
    .getByTestId(testId)
    .locator('canvas')
    .first()
    .evaluate((el) => {
      const canvas = el as HTMLCanvasElement
      const ctx = canvas.getContext('2d')
      if (!ctx || canvas.width === 0 || canvas.height === 0) return 0
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data
      let n = 0
      for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++
      return n
    })
}

test('the monitor draws its charts', async ({ page }) => {
  await signIn(page, '/monitor')
  await expect(page.getByRole('heading', { name: 'Monitor' })).toBeVisible()
  await expect(page.getByTestId('gauge-cpu')).toBeVisible()
  const charts = ['chart-cpu', 'chart-memory', 'chart-heap', 'chart-disk', 'chart-depth', 'chart-throughput', 'chart-durations', 'chart-apis']
  for (const id of charts) {
    await expect(page.getByTestId(id).locator('canvas').first()).toBeAttached()
    // Axes, legend and lines: an empty canvas (no option, or no size) paints nothing.
    await expect.poll(() => paintedPixels(page, id), { message: `${id} draws something` }).toBeGreaterThan(500)
  }
  await page.getByTestId('window-15m').click()
  await expect(page).toHaveURL(/window=15m/)
  await expect.poll(() => paintedPixels(page, 'chart-cpu')).toBeGreaterThan(500)
})

test('an admin pauses and resumes a queue', async ({ page, request }) => {
  const api = await new Api(request).signIn()
  const queue = unique('e2e-ops')
  // A task in a queue no worker serves makes the queue appear, and stays QUEUED.
  const task = await api.createTask({ type: 'noop', title: 'e2e ops waiting', queue })
  try {
    await signIn(page, '/queues')
    const row = page.getByTestId('queues-table').locator('tr', { has: page.getByRole('link', { name: queue, exact: true }) })
    await expect(row).toBeVisible()
    await expect(row.getByTestId('queue-paused')).toHaveCount(0)

    await row.getByTestId(`pause-${queue}`).click()
    await page.getByTestId('confirm-pause').click()
    await expect(row.getByTestId('queue-paused')).toBeVisible()
    expect((await api.get(`/queues/${queue}`)).paused).toBe(true)

    await row.getByTestId(`resume-${queue}`).click()
    await expect(row.getByTestId('queue-paused')).toHaveCount(0)
    expect((await api.get(`/queues/${queue}`)).paused).toBe(false)

    // The queue's own page agrees, and has no dead letters.
    await row.getByRole('link', { name: queue, exact: true }).click()
    await expect(page.getByTestId('queue-state')).toHaveText('Active')
    await expect(page.getByText('No failed task in this queue.')).toBeVisible()
  } finally {
    await api.post(`/tasks/${task.id}/cancel`, {})
    await api.delete(`/tasks/${task.id}`)
  }
})

test('the worker list shows the embedded worker', async ({ page, request }) => {
  const api = await new Api(request).signIn()
  const workers = (await api.get('/workers')).items as { id: string; status: string; queues: string[] }[]
  const embedded = workers.find((w) => w.status === 'ACTIVE' && w.queues.includes('default'))
  expect(embedded, 'the server runs an embedded worker serving the default queue').toBeTruthy()

  await signIn(page, '/workers')
  const row = page.getByTestId('workers-table').locator('tr', { hasText: embedded!.id })
  await expect(row).toBeVisible()
  await expect(row.locator('[data-status="ACTIVE"]')).toBeVisible()
  await expect(row.getByTestId('heartbeat-age')).toHaveText(/ago$/)
  // The expanded row lists what it runs now (or says it runs nothing); a busy worker opens by itself.
  const running = page.getByTestId('workers-table').locator('.tf-worker-tasks')
  if (!(await running.isVisible())) await row.getByTestId('toggle-running').click()
  await expect(running).toBeVisible()
  await expect(row.getByTestId('toggle-running')).toHaveAttribute('aria-expanded', 'true')
})
