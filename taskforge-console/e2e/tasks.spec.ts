// The tasks pages end to end against a real server: create from the dialog, filter by tag, cancel
// a running task, and watch a shell task's log arrive live. Data is made through the API; tasks
// that must stay put go to an idle queue nobody serves.
import { test, expect, signIn, Api, unique } from './support'

const IDLE_QUEUE = 'idle-e2e'

test('creates a task from the dialog, refusing invalid JSON first, and lands on it', async ({ page, request }) => {
  const api = await new Api(request).signIn()
  await signIn(page, '/tasks')
  await page.getByTestId('create-task').click()
  const dialog = page.getByTestId('create-task-dialog')
  await expect(dialog).toBeVisible()

  const title = unique('tasks-e2e-created')
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
  expect(await api.get(`/tasks/${id}`)).toMatchObject({ title, type: 'noop', queue: IDLE_QUEUE, status: 'QUEUED', payload: { from: 'e2e' } })
})

test('filters tasks by tag, keeping the filter in the URL', async ({ page, request }) => {
  const api = await new Api(request).signIn()
  const red = unique('e2e-red')
  const blue = unique('e2e-blue')
  const redTask = await api.createTask({ type: 'noop', title: `tasks-e2e ${red}`, queue: IDLE_QUEUE, tags: [red] })
  const blueTask = await api.createTask({ type: 'noop', title: `tasks-e2e ${blue}`, queue: IDLE_QUEUE, tags: [blue] })

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

test('on a phone the filters beyond the search open from their toggle', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await signIn(page, '/tasks')
  await expect(page.getByTestId('filter-text')).toBeVisible()
  await expect(page.getByTestId('filter-status')).toHaveCount(0)
  await page.getByTestId('filter-toggle').click()
  await expect(page.getByTestId('filter-status')).toBeVisible()
  await expect(page.getByTestId('filter-created')).toBeVisible()
})

test('cancels a running task', async ({ page, request }) => {
  const api = await new Api(request).signIn()
  const task = await api.createTask({ type: 'sleep', title: unique('tasks-e2e-sleeper'), queue: 'default', payload: { seconds: 30 } })
  await signIn(page, `/tasks/${task.id}`)
  await expect(page.getByTestId('task-status')).toHaveAttribute('data-status', 'RUNNING', { timeout: 30_000 })

  await page.getByTestId('task-cancel').click()
  await page.getByRole('button', { name: 'Cancel task' }).last().click()

  await expect(page.getByTestId('task-status')).toHaveAttribute('data-status', 'CANCELLED', { timeout: 30_000 })
  await expect(page.getByTestId('task-timeline')).toContainText('Cancelled')
  expect((await api.get(`/tasks/${task.id}`)).status).toBe('CANCELLED')
})

test("shows a shell task's log lines live and its success", async ({ page, request }) => {
  const api = await new Api(request).signIn()
  // A short delay lets the page open before the task runs, so the lines arrive over the stream.
  const task = await api.createTask({
    type: 'shell',
    title: unique('tasks-e2e-shell'),
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

test('creates a tag on the tags page and deletes it after confirmation', async ({ page, request }) => {
  const api = await new Api(request).signIn()
  const name = unique('tasks-e2e-tag')
  await signIn(page, '/tags')
  await page.getByTestId('tag-name').locator('input').fill(name)
  await page.getByTestId('tag-create').click()
  const table = page.getByTestId('tag-table')
  await expect(table.locator(`[data-tag="${name}"]`)).toBeVisible()
  expect((await api.get('/tags')).items.map((t: { name: string }) => t.name)).toContain(name)

  await page.getByRole('button', { name: `Delete “${name}”` }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
  await expect(table.locator(`[data-tag="${name}"]`)).toHaveCount(0)
  expect((await api.get('/tags')).items.map((t: { name: string }) => t.name)).not.toContain(name)
})
