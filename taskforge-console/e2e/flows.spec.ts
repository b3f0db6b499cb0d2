// Pipelines and schedules, end to end against a running server: a pipeline drawn in the editor
// runs and its steps turn SUCCEEDED on the run graph; a cycle is refused before it is sent; the
// server's 422 lands on the node it names; an interval schedule shows its next fire time.
// Helpers are kept here so the spec runs on its own (TASKFORGE_E2E_URL or CONSOLE_URL, and
// TASKFORGE_E2E_PASSWORD or CONSOLE_PASSWORD).
import { test, expect, type Page } from '@playwright/test'

const BASE = process.env.TASKFORGE_E2E_URL ?? process.env.CONSOLE_URL ?? 'http://127.0.0.1:8080'
const PASSWORD = process.env.TASKFORGE_E2E_PASSWORD ?? process.env.CONSOLE_PASSWORD ?? ''

test.use({
  baseURL: BASE,
  launchOptions: { executablePath: process.env.TASKFORGE_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] },
})

let errors: string[] = []

test.beforeEach(async ({ page }) => {
  errors = []
  page.on('console', (m) => {
    // A refused save is expected to log the 422 answer's failed resource load.
    if (m.type() === 'error' && !/status of 422/.test(m.text())) errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto('/login')
  await page.getByTestId('login-username').locator('input').fill('admin')
  await page.getByTestId('login-password').locator('input').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('user-menu')).toBeVisible()
})

test.afterEach(() => {
  expect(errors, 'the browser console logged errors').toEqual([])
})

function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`
}

async function apiGet(page: Page, path: string): Promise<{ status: number; body: any }> {
  // Through Playwright's own client: a 404 fetched by the page would log a console error.
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('taskforge.tokens') ?? '{}').accessToken as string)
  const r = await page.request.get(`/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } })
  return { status: r.status(), body: r.ok() ? await r.json() : null }
}

async function apiPost(page: Page, path: string, body: unknown): Promise<any> {
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('taskforge.tokens') ?? '{}').accessToken as string)
  const r = await page.request.post(`/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` }, data: body })
  expect(r.ok(), `POST ${path}: ${r.status()} ${await r.text()}`).toBe(true)
  return r.json()
}

/** Draws an edge by dragging from one node's right handle to another's left handle. */
async function connect(page: Page, from: number, to: number) {
  const source = page.locator('.vue-flow__node').nth(from).locator('.vue-flow__handle.source')
  const target = page.locator('.vue-flow__node').nth(to).locator('.vue-flow__handle.target')
  const a = (await source.boundingBox())!
  const b = (await target.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 })
  await page.mouse.up()
}

async function twoNoops(page: Page) {
  await page.goto('/pipelines/new')
  await page.getByTestId('palette-noop').click()
  await page.getByTestId('palette-noop').click()
  await expect(page.locator('.vue-flow__node')).toHaveCount(2)
  await connect(page, 0, 1)
  await expect(page.locator('.vue-flow__edge')).toHaveCount(1)
}

async function nameIt(page: Page, name: string) {
  await page.locator('.n-tabs-tab[data-name=pipeline]').click()
  await page.getByTestId('pipeline-name').locator('input').fill(name)
}

test('a pipeline drawn in the editor saves, runs, and its steps turn SUCCEEDED on the run graph', async ({ page }) => {
  const name = unique('flows-e2e')
  await twoNoops(page)
  await nameIt(page, name)
  await page.getByTestId('save-pipeline').click()
  await expect(page).toHaveURL(new RegExp(`/pipelines/${name}$`))

  const saved = await apiGet(page, `/pipelines/${name}`)
  expect(saved.status).toBe(200)
  expect(saved.body.version).toBe(1)
  expect(saved.body.definition.steps).toEqual([
    { id: 'noop', type: 'noop', payload: {} },
    { id: 'noop_2', type: 'noop', payload: {}, dependsOn: ['noop'] },
  ])

  await page.getByTestId('editor-run').click()
  await page.getByTestId('run-submit').click()
  await expect(page).toHaveURL(/\/pipeline-runs\/[^/]+$/)
  const canvas = page.getByTestId('run-canvas')
  await expect(canvas.locator('[data-step="noop"]')).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 60_000 })
  await expect(canvas.locator('[data-step="noop_2"]')).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 60_000 })
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'SUCCEEDED')
  await expect(canvas.locator('.vue-flow__edge')).toHaveCount(1)

  // A step opens its task.
  await canvas.locator('[data-step="noop_2"]').click()
  await expect(page).toHaveURL(/\/tasks\/[^/]+$/)
})

test('a cycle is shown on the graph and not saved', async ({ page }) => {
  const name = unique('flows-cycle')
  await twoNoops(page)
  await connect(page, 1, 0)
  await expect(page.locator('.vue-flow__edge')).toHaveCount(2)
  await expect(page.getByTestId('node-problem').first()).toContainText('Cycle: noop -> noop_2 -> noop')
  await expect(page.locator('.vue-flow__edge.tf-edge-cycle')).toHaveCount(2)
  await nameIt(page, name)
  await page.getByTestId('save-pipeline').click()
  await expect(page.getByText('Not saved: fix the problems shown on the graph')).toBeVisible()
  await expect(page).toHaveURL(/\/pipelines\/new$/)
  expect((await apiGet(page, `/pipelines/${name}`)).status).toBe(404)

  // Leaving with unsaved changes asks first.
  await page.locator('nav').getByText('Schedules').first().click()
  await expect(page.getByText('Leave without saving your changes?')).toBeVisible()
  await page.getByRole('button', { name: 'Confirm' }).click()
  await expect(page).toHaveURL(/\/schedules$/)
})

test("the server's 422 lands on the step it names", async ({ page }) => {
  const name = unique('flows-422')
  await page.goto('/pipelines/new')
  await page.getByTestId('palette-noop').click()
  const type = page.getByTestId('step-type')
  await type.click()
  await page.keyboard.type('flows-no-such-type')
  await page.keyboard.press('Enter')
  await nameIt(page, name)
  await page.getByTestId('save-pipeline').click()
  await expect(page.getByTestId('node-problem')).toContainText("no worker handles the task type 'flows-no-such-type'")
  expect((await apiGet(page, `/pipelines/${name}`)).status).toBe(404)
})

test('an interval schedule shows its next fire time', async ({ page }) => {
  const name = unique('flows-schedule')
  await page.goto('/schedules/new')
  await page.getByTestId('schedule-name').locator('input').fill(name)
  await page.getByTestId('timing-interval').click()
  await page.getByTestId('schedule-interval').locator('input').fill('86400')
  await expect(page.getByTestId('fire-preview').locator('li')).toHaveCount(5)
  await page.getByTestId('schedule-save').click()
  await expect(page).toHaveURL(new RegExp(`/schedules/${name}$`))
  await expect(page.getByTestId('next-fire')).toBeVisible()
  await expect(page.getByTestId('fire-preview').locator('li')).toHaveCount(5)

  const stored = await apiGet(page, `/schedules/${name}`)
  expect(stored.body.intervalSeconds).toBe(86400)
  // The page shows the server's next fire: midnight UTC, as the epoch-aligned interval has it.
  expect(stored.body.nextFireAt).toMatch(/T00:00:00Z$/)
  await expect(page.getByTestId('next-fire').locator('time')).toHaveAttribute('datetime', stored.body.nextFireAt)

  await page.getByTestId('schedule-delete').click()
  await page.getByRole('button', { name: 'Delete' }).last().click()
  await expect(page).toHaveURL(/\/schedules$/)
  expect((await apiGet(page, `/schedules/${name}`)).status).toBe(404)
})

test('a running pipeline run can be cancelled and then retried from its page', async ({ page }) => {
  const name = unique('flows-cancel')
  await apiPost(page, '/pipelines', {
    name,
    steps: [
      { id: 'wait', type: 'sleep', payload: { seconds: 30 } },
      { id: 'after', type: 'noop', dependsOn: ['wait'] },
    ],
  })
  const run = await apiPost(page, `/pipelines/${name}/runs`, { params: {} })
  await page.goto(`/pipeline-runs/${run.id}`)
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'RUNNING')
  await page.getByTestId('run-cancel').click()
  await page.getByRole('button', { name: 'Confirm' }).click()
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'CANCELLED', { timeout: 30_000 })
  await expect(page.getByTestId('run-canvas').locator('[data-step="after"]')).toHaveAttribute('data-status', 'CANCELLED')

  await expect(page.getByTestId('run-retry')).toBeVisible({ timeout: 30_000 })
  await page.getByTestId('run-retry').click()
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'RUNNING')
  // Cancelled again so the sleep does not hold a worker after the test.
  await page.getByTestId('run-cancel').click()
  await page.getByRole('button', { name: 'Confirm' }).click()
  await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'CANCELLED', { timeout: 30_000 })
})
