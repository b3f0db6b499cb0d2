// The tasks pages end to end against a real server: create from the dialog, filter by tag, cancel
// a running task, and watch a shell task's log arrive live. Data is made through the API, in an
// idle queue nobody serves where a task must stay put. The server and password come from
// TASKFORGE_E2E_URL and TASKFORGE_E2E_PASSWORD (as for every spec).
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test'

const PASSWORD = process.env.TASKFORGE_E2E_PASSWORD ?? ''
const IDLE_QUEUE = 'idle-e2e'
const run = Date.now().toString(36)

// Every page must keep the browser console clean.
const test = base.extend<{ errors: string[] }>({
  errors: async ({ page }, use) => {
    const errors: string[] = []
    page.on('console', (m) => m.type() === 'error' && errors.push(`console.error: ${m.text()}`))
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`))
    await use(errors)
    expect(errors, 'the browser console logged errors').toEqual([])
  },
})

async function signIn(page: Page, path: string): Promise<void> {
  await page.goto(path)
  await page.getByTestId('login-username').locator('input').fill('admin')
  await page.getByTestId('login-password').locator('input').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

async function token(request: APIRequestContext): Promise<string> {
  const r = await request.post('/api/v1/auth/login', { data: { username: 'admin', password: PASSWORD } })
  expect(r.status(), await r.text()).toBe(200)
  return (await r.json()).accessToken
}

async function createTask(request: APIRequestContext, body: Record<string, unknown>): Promise<{ id: string; title: string }> {
  const r = await request.post('/api/v1/tasks', { headers: { Authorization: `Bearer ${await token(request)}` }, data: body })
  expect(r.status(), await r.text()).toBe(201)
  return r.json()
}

async function getTask(request: APIRequestContext, id: string): Promise<{ id: string; title: string; status: string; queue: string; type: string }> {
  const r = await request.get(`/api/v1/tasks/${id}`, { headers: { Authorization: `Bearer ${await token(request)}` } })
  expect(r.status(), await r.text()).toBe(200)
  return r.json()
}

test('creates a task from the dialog, refusing invalid JSON first, and lands on it', async ({ page, request, errors }) => {
  void errors
  await signIn(page, '/tasks')
  await page.getByTestId('create-task').click()
  const dialog = page.getByTestId('create-task-dialog')
  await expect(dialog).toBeVisible()

  const title = `tasks-e2e created ${run}`
  await dialog.locator('input[name=type]').fill('noop')
  await dialog.locator('input[name=title]').fill(title)
  await dialog.locator('input[name=queue]').fill(IDLE_QUEUE)

  const editor = dialog.locator('.cm-content')
  await editor.click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type('{"from": "e2e"')
  await expect(dialog.getByText('Not valid JSON')).toBeVisible()
  await expect(dialog.getByTestId('create-submit')).toBeDisabled()
  await page.keyboard.type('}')
  await expect(dialog.getByText('Not valid JSON')).toHaveCount(0)

  await dialog.getByTestId('create-submit').click()
  await page.waitForURL(/\/tasks\/[0-9a-f-]{36}$/)
  await expect(page.getByTestId('task-title')).toHaveText(title)
  const id = page.url().split('/').pop()!
  const stored = await getTask(request, id)
  expect(stored).toMatchObject({ title, type: 'noop', queue: IDLE_QUEUE, status: 'QUEUED' })
})

test('filters tasks by tag, keeping the filter in the URL', async ({ page, request, errors }) => {
  void errors
  const red = `e2e-red-${run}`
  const blue = `e2e-blue-${run}`
  const redTask = await createTask(request, { type: 'noop', title: `tasks-e2e red ${run}`, queue: IDLE_QUEUE, tags: [red] })
  const blueTask = await createTask(request, { type: 'noop', title: `tasks-e2e blue ${run}`, queue: IDLE_QUEUE, tags: [blue] })

  await signIn(page, `/tasks?queue=${IDLE_QUEUE}`)
  const table = page.getByTestId('task-table')
  await expect(table.getByText(redTask.title)).toBeVisible()
  await expect(table.getByText(blueTask.title)).toBeVisible()

  const tagFilter = page.getByTestId('filter-tag')
  await tagFilter.click()
  await tagFilter.locator('input').fill(red)
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')

  await expect(page).toHaveURL(new RegExp(`[?&]tag=${red}`))
  await expect(table.getByText(redTask.title)).toBeVisible()
  await expect(table.getByText(blueTask.title)).toHaveCount(0)

  // The filter survives a reload: it lives in the URL.
  await page.reload()
  await expect(page.getByTestId('task-table').getByText(redTask.title)).toBeVisible()
  await expect(page.getByTestId('task-table').getByText(blueTask.title)).toHaveCount(0)
})

test('cancels a running task', async ({ page, request, errors }) => {
  void errors
  const task = await createTask(request, { type: 'sleep', title: `tasks-e2e sleeper ${run}`, queue: 'default', payload: { seconds: 30 } })
  await signIn(page, `/tasks/${task.id}`)
  await expect(page.getByTestId('task-status')).toHaveAttribute('data-status', 'RUNNING', { timeout: 30_000 })

  await page.getByTestId('task-cancel').click()
  await page.getByRole('button', { name: 'Cancel task' }).last().click()

  await expect(page.getByTestId('task-status')).toHaveAttribute('data-status', 'CANCELLED', { timeout: 30_000 })
  await expect(page.getByTestId('task-timeline')).toContainText('Cancelled')
  expect((await getTask(request, task.id)).status).toBe('CANCELLED')
})

test('shows a shell task\'s log lines live and its success', async ({ page, request, errors }) => {
  void errors
  // A short delay lets the page open before the task runs, so the lines arrive over the stream.
  const task = await createTask(request, {
    type: 'shell',
    title: `tasks-e2e shell ${run}`,
    queue: 'default',
    delaySeconds: 2,
    payload: { command: 'echo hello-from-e2e' },
  })
  await signIn(page, `/tasks/${task.id}`)
  const log = page.getByTestId('log-viewer')
  await expect(log).toBeVisible()
  await expect(log.locator('.tf-log-line.s-stdout')).toContainText('hello-from-e2e', { timeout: 30_000 })
  await expect(page.getByTestId('task-status')).toHaveAttribute('data-status', 'SUCCEEDED', { timeout: 30_000 })
  await expect(log.locator('[data-live]')).toHaveAttribute('data-live', 'ended')

  // Search marks the matches: in the command the system line echoes, and in the output.
  await page.getByTestId('log-search').locator('input').fill('hello-from')
  await expect(log.locator('mark')).toHaveText(['hello-from', 'hello-from'])
  await expect(page.getByTestId('log-match-count')).toHaveText('2 matches')
})
