// Scripts and the Run page end to end: write a script with a parameter schema in the editor, run
// it from the form its schema makes, and see the task succeed with the script's output in its
// log. Bad values are refused in the browser: the message shows and no request is sent.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test'

const CONSOLE = process.env.CONSOLE_URL ?? 'http://127.0.0.1:5173'
const USER = process.env.CONSOLE_USER ?? 'admin'
const PASSWORD = process.env.CONSOLE_PASSWORD ?? 'console-dev-password-1'

test.use({
  baseURL: CONSOLE,
  launchOptions: process.env.CHROMIUM_PATH || !process.env.CI ? { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' } : {},
})

async function signIn(page: Page): Promise<void> {
  await page.goto('/login')
  await page.locator('#tf-username').fill(USER)
  await page.locator('#tf-password').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

/** A bearer token for checking through the API what the pages did. */
async function token(request: APIRequestContext): Promise<string> {
  const r = await request.post('/api/v1/auth/login', { data: { username: USER, password: PASSWORD } })
  expect(r.ok()).toBeTruthy()
  return ((await r.json()) as { accessToken: string }).accessToken
}

/** Types into the CodeMirror editor inside {@code testId}, replacing what it holds. */
async function replaceCode(page: Page, testId: string, text: string): Promise<void> {
  const content = page.getByTestId(testId).locator('.cm-content')
  await content.click()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.press('Delete')
  await page.keyboard.insertText(text)
}

test('write a script with parameters, run it from its form, and see it succeed', async ({ page, request }) => {
  test.setTimeout(120_000)
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  const name = `scripts-e2e-${Date.now()}`
  const greeting = `e2e-world-${Date.now() % 100000}`
  await signIn(page)

  // The editor: name, content and two parameters made in the visual schema editor.
  await page.goto('/scripts/new')
  await page.locator('input[name="name"]').fill(name)
  await page.locator('input[name="description"]').fill('Greets someone (end-to-end test)')
  await replaceCode(page, 'script-content', 'echo "hello $TF_PARAM_WHO"\necho "times=$TF_PARAM_TIMES"\n')

  await page.getByTestId('schema-add').click()
  const who = page.getByTestId('schema-prop-0')
  await who.locator('#schema-prop-0-name').fill('who')
  await who.getByText('Required').click()
  await who.getByPlaceholder('Shown as help text on the run form').fill('Whom to greet')

  await page.getByTestId('schema-add').click()
  const times = page.getByTestId('schema-prop-1')
  await times.locator('#schema-prop-1-name').fill('times')
  await times.getByLabel('Type').click()
  await page.locator('.n-base-select-option', { hasText: 'Whole number' }).click()
  await times.getByText('Required').click()
  await times.locator('#schema-prop-1-min').fill('1')
  await times.locator('#schema-prop-1-max').fill('5')
  await times.locator('#schema-prop-1-max').blur()

  // The JSON tab shows what the visual editor made.
  await page.getByTestId('schema-editor').locator('.n-tabs-tab', { hasText: 'JSON' }).click()
  await expect(page.getByTestId('schema-editor').locator('.cm-content')).toContainText('"maximum": 5')

  await page.getByTestId('script-save').click()
  await page.waitForURL(/\/scripts\/[0-9a-f-]{36}$/)
  const scriptId = page.url().split('/').pop()!
  await expect(page.getByTestId('script-version')).toHaveText('v1')

  const auth = { Authorization: `Bearer ${await token(request)}` }
  const stored = await (await request.get(`/api/v1/scripts/${scriptId}`, { headers: auth })).json()
  expect(stored.parameters).toEqual({
    type: 'object',
    properties: { who: { type: 'string', description: 'Whom to greet' }, times: { type: 'integer', minimum: 1, maximum: 5 } },
    required: ['who', 'times'],
  })

  // The run form refuses bad values without a request.
  await page.goto(`/run/${scriptId}`)
  const runRequests: string[] = []
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/run')) runRequests.push(r.url())
  })
  await expect(page.getByTestId('param-who')).toContainText('Whom to greet')
  await page.locator('#param-times').fill('9')
  await page.getByTestId('run-submit').click()
  await expect(page.getByTestId('param-who')).toContainText('This field is required')
  await expect(page.getByTestId('param-times')).toContainText('Must be at most 5')
  expect(runRequests).toEqual([])

  // Good values run: the page lands on the new task.
  await page.locator('#param-who').fill(greeting)
  await page.locator('#param-times').fill('2')
  await page.getByTestId('run-submit').click()
  await page.waitForURL(/\/tasks\/[^/]+$/)
  expect(runRequests).toHaveLength(1)
  const taskId = decodeURIComponent(page.url().split('/').pop()!)

  // The task runs on a worker: it succeeds and its log holds the script's output.
  await expect
    .poll(async () => (await (await request.get(`/api/v1/tasks/${taskId}`, { headers: auth })).json()).status, { timeout: 60_000, intervals: [500] })
    .toBe('SUCCEEDED')
  const task = await (await request.get(`/api/v1/tasks/${taskId}`, { headers: auth })).json()
  expect(task.type).toBe('script')
  expect(task.payload.params).toEqual({ who: greeting, times: 2 })
  const logs = await (await request.get(`/api/v1/tasks/${taskId}/logs`, { headers: auth })).json()
  const lines = (logs.items as { line: string }[]).map((l) => l.line)
  expect(lines).toContain(`hello ${greeting}`)
  expect(lines).toContain('times=2')

  // Clean up: delete through the editor, confirming the dialog.
  await page.goto(`/scripts/${scriptId}`)
  await page.getByTestId('script-delete').click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
  await page.waitForURL(/\/scripts$/)
  expect((await request.get(`/api/v1/scripts/${scriptId}`, { headers: auth })).status()).toBe(404)
  expect(errors).toEqual([])
})
