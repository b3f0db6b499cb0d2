import { test, expect, signIn, Api, unique, allowConsoleError } from './support'

test('a wrong password is refused with a message, and no session starts', async ({ page }) => {
  allowConsoleError(page, /status of 401 .*\/api\/v1\/auth\/login/)
  await page.goto('/')
  await expect(page).toHaveURL(/\/login/)
  await page.getByTestId('login-username').locator('input').fill('admin')
  await page.getByTestId('login-password').locator('input').fill('not-the-password')
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('login-error')).toContainText('Wrong user name or password')
  await expect(page).toHaveURL(/\/login/)
})

test('signing in lands on the page asked for, with the layout and its menu', async ({ page }) => {
  await signIn(page, '/no/such/page')
  await expect(page).toHaveURL(/\/no\/such\/page$/)
  await expect(page.getByRole('navigation').first()).toContainText('Dashboard')
  await page.getByRole('navigation').first().getByText('Dashboard').click()
  await expect(page).toHaveURL(/\/$/)
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible()
})

test('the dashboard draws its cards, chart and recent tasks, and follows task changes live', async ({ page, request }) => {
  const api = await new Api(request).signIn()
  const title = unique('dash')
  await signIn(page)
  for (const card of ['card-today', 'card-throughput', 'card-api', 'card-system', 'card-status', 'card-recent']) {
    await expect(page.getByTestId(card)).toBeVisible()
  }
  await expect(page.getByTestId('card-throughput').getByTestId('sparkline').locator('path').first()).toBeAttached()
  await expect(page.getByTestId('card-system')).toContainText('CPU')
  await expect(page.getByTestId('live-indicator')).toHaveText('Live')

  // Created after the page loaded: it can only appear through the event stream (or a poll).
  const task = await api.createTask({ type: 'shell', title, payload: { command: 'echo dashboard' } })
  const row = page.getByTestId('card-recent').getByRole('row', { name: new RegExp(title) })
  await expect(row).toBeVisible()
  await api.awaitTask(task.id, 'SUCCEEDED')
  await expect(row).toContainText('Succeeded')
})

test('the language switch changes the page, and the choice survives a reload', async ({ page }) => {
  await signIn(page)
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible()
  await page.getByTestId('language-switcher').click()
  await page.getByText('简体中文').click()
  await expect(page.getByRole('heading', { name: '仪表盘' })).toBeVisible()
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  await page.reload()
  await expect(page.getByRole('heading', { name: '仪表盘' })).toBeVisible()
  await page.getByTestId('language-switcher').click()
  await page.getByText('English').click()
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible()
})

test('the theme switch turns the page dark and back, and is remembered', async ({ page }) => {
  await signIn(page)
  const html = page.locator('html')
  await expect(html).toHaveAttribute('data-theme', 'light')
  const lightBackground = await page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor)
  await page.getByTestId('theme-switcher').click()
  await expect(html).toHaveAttribute('data-theme', 'dark')
  await expect.poll(() => page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe(lightBackground)
  await page.reload()
  await expect(html).toHaveAttribute('data-theme', 'dark')
  await page.getByTestId('theme-switcher').click()
  await expect(html).toHaveAttribute('data-theme', 'light')
})

test('on a phone the menu is a drawer opened from the header', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await signIn(page)
  await page.getByRole('button', { name: 'Open the menu' }).click()
  await expect(page.getByRole('dialog').getByText('Dashboard')).toBeVisible()
})

test('signing out returns to the login page and the console stays closed', async ({ page }) => {
  await signIn(page)
  await page.getByTestId('user-menu').click()
  await page.getByText('Sign out').click()
  await expect(page).toHaveURL(/\/login/)
  await page.goto('/')
  await expect(page).toHaveURL(/\/login/)
})

test('the change-password dialog checks the new password before sending it', async ({ page }) => {
  await signIn(page)
  await page.getByTestId('user-menu').click()
  await page.getByText('Change password').click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Current password').fill('whatever-it-is')
  await dialog.getByLabel('New password', { exact: true }).fill('short')
  await dialog.getByLabel('Repeat the new password').fill('different')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toContainText('At least 8 characters')
  await expect(dialog).toContainText('The passwords differ')
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await expect(dialog).toBeHidden()
})
