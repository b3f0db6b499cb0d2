// Scripts and the Run page end to end: write a script with a parameter schema in the editor, run
// it from the form its schema makes, and see the task succeed with the script's output in its
// log. Bad values are refused in the browser: the message shows and no request is sent.
import type { Page } from '@playwright/test'
import { Api, expect, signIn, test, unique } from './support'

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
  const api = await new Api(request).signIn()
  const name = unique('scripts-e2e')
  const greeting = unique('world')
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

  const stored = await api.get(`/scripts/${scriptId}`)
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

  // The task page shows the script's output arriving in the live log, then SUCCEEDED.
  await expect(page.getByTestId('log-viewer').locator('.tf-log-line')).toContainText([`hello ${greeting}`, 'times=2'], {
    timeout: 30_000,
  })
  await expect(page.getByTestId('task-status')).toContainText('Succeeded', { timeout: 30_000 })

  // And the API agrees: it succeeded and its log holds the script's output.
  const task = await api.awaitTask(taskId, 'SUCCEEDED', 'FAILED')
  expect(task.status, JSON.stringify(task.error)).toBe('SUCCEEDED')
  expect(task.type).toBe('script')
  expect(task.payload.params).toEqual({ who: greeting, times: 2 })
  const logs = await api.get(`/tasks/${taskId}/logs`)
  const lines = (logs.items as { line: string }[]).map((l) => l.line)
  expect(lines).toContain(`hello ${greeting}`)
  expect(lines).toContain('times=2')

  // Clean up: delete through the editor, confirming the dialog.
  await page.goto(`/scripts/${scriptId}`)
  await page.getByTestId('script-delete').click()
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click()
  await page.waitForURL(/\/scripts$/)
  await expect(page.getByTestId(`script-link-${name}`)).toHaveCount(0)
  expect((await api.get<{ items: { id: string }[] }>('/scripts')).items.map((s) => s.id)).not.toContain(scriptId)
})
