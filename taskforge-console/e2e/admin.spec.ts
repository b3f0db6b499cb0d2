// The administration pages end to end against a running server: an operator sees none of them,
// an API key is shown once and works until revoked, the audit log records a user's creation,
// and only a superadmin may read every project's log.
//
// CONSOLE_URL: the console (a server, or `npm run dev` proxying /api to one).
// CONSOLE_USER / CONSOLE_PASSWORD (or TASKFORGE_ADMIN_PASSWORD): a superadmin of that server.
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test'

const BASE = process.env.CONSOLE_URL ?? 'http://127.0.0.1:5173'
const ADMIN = process.env.CONSOLE_USER ?? 'admin'
const ADMIN_PASSWORD = process.env.CONSOLE_PASSWORD ?? process.env.TASKFORGE_ADMIN_PASSWORD ?? ''
const PASSWORD = 'Admin-e2e-Lantern-42'
const RUN = Date.now().toString(36)

test.use({ baseURL: BASE, launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' } })

/** Fails the test on any browser console error or uncaught exception of the page. */
function watchConsole(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
  return errors
}

async function signIn(page: Page, user: string, password: string) {
  await page.goto('/login')
  await page.getByTestId('login-username').locator('input').fill(user)
  await page.getByTestId('login-password').locator('input').fill(password)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((u) => !u.pathname.startsWith('/login'))
}

/** A page of a fresh browser context (its own storage: its own session), signed in. */
async function signedInPage(browser: Browser, user: string, password: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL: BASE })
  const page = await context.newPage()
  const errors = watchConsole(page)
  await signIn(page, user, password)
  return { page, errors, close: () => context.close() }
}

async function token(request: APIRequestContext, user = ADMIN, password = ADMIN_PASSWORD): Promise<string> {
  const r = await request.post('/api/v1/auth/login', { data: { username: user, password } })
  expect(r.status(), `sign-in of ${user}`).toBe(200)
  return (await r.json()).accessToken as string
}

async function userId(request: APIRequestContext, name: string): Promise<string | undefined> {
  const r = await request.get('/api/v1/users', { headers: { Authorization: `Bearer ${await token(request)}` } })
  const users = (await r.json()).items as { id: string; name: string }[]
  return users.find((u) => u.name === name)?.id
}

async function chooseOption(page: Page, select: string, option: string) {
  await page.getByTestId(select).click()
  await page.locator('.n-base-select-option', { hasText: option }).first().click()
}

const created: string[] = []
test.afterAll(async ({ request }) => {
  const headers = { Authorization: `Bearer ${await token(request)}` }
  for (const name of created) {
    const id = await userId(request, name)
    if (id) await request.delete(`/api/v1/users/${id}`, { headers })
  }
})

test.beforeAll(() => {
  expect(ADMIN_PASSWORD, 'CONSOLE_PASSWORD (or TASKFORGE_ADMIN_PASSWORD) names the admin password').not.toBe('')
})

test('an operator created on the users page sees no administration', async ({ page, browser, request }) => {
  const errors = watchConsole(page)
  const name = `admin-e2e-op-${RUN}`
  created.push(name)
  await signIn(page, ADMIN, ADMIN_PASSWORD)

  await page.goto('/admin/users')
  await page.getByTestId('user-create').click()
  await page.getByTestId('user-name').locator('input').fill(name)
  await page.getByTestId('user-display-name').locator('input').fill('E2E Operator')
  await page.locator('#tf-user-password').fill('short')
  await expect(page.getByTestId('password-hint')).toContainText('Too short')
  await page.locator('#tf-user-password').fill(PASSWORD)
  await expect(page.getByTestId('password-hint')).toHaveText('Strong')
  await chooseOption(page, 'membership-role-0', 'Operator')
  await page.getByTestId('user-submit').click()
  const row = page.getByTestId('users-table').locator('tr', { hasText: name })
  await expect(row).toContainText('Default: Operator')
  await expect(row).toContainText('Active')

  const operator = await signedInPage(browser, name, PASSWORD)
  const sidebar = operator.page.locator('nav').first()
  await expect(sidebar).toContainText('Dashboard')
  for (const label of ['Members', 'API keys', 'Audit log', 'Users', 'Projects']) {
    await expect(sidebar.getByText(label, { exact: true })).toHaveCount(0)
  }
  // Typed into the address bar, each page is refused before it loads anything.
  for (const path of ['/admin/members', '/admin/keys', '/admin/audit', '/admin/users', '/admin/tenants']) {
    await operator.page.goto(path)
    await expect(operator.page).toHaveURL(/\/forbidden$/)
    await expect(operator.page.getByTestId('key-create')).toHaveCount(0)
    await expect(operator.page.getByTestId('member-add')).toHaveCount(0)
    await expect(operator.page.getByTestId('user-create')).toHaveCount(0)
  }
  expect(operator.errors).toEqual([])
  await operator.close()

  // The audit log shows the creation, and the new user is its target.
  const id = await userId(request, name)
  expect(id).toBeTruthy()
  await page.goto('/admin/audit')
  await page.getByTestId('audit-action').locator('input').fill('user.create')
  await page.getByTestId('audit-targetId').locator('input').fill(id!)
  await page.getByTestId('audit-apply').click()
  await expect(page).toHaveURL(/action=user\.create/)
  const entry = page.getByTestId('audit-table').locator('tbody tr').first()
  await expect(entry).toContainText('user.create')
  await expect(entry).toContainText(ADMIN)
  await expect(entry).toContainText('Succeeded · 201')
  await entry.getByRole('button', { name: 'Show the details of this event' }).click()
  await expect(page.locator('[data-testid^=audit-detail-]')).toContainText(`created /api/v1/users/${id}`)
  expect(errors).toEqual([])
})

test('a new API key is shown once, works, and stops working when revoked', async ({ page, request }) => {
  const errors = watchConsole(page)
  const name = `admin-e2e-key-${RUN}`
  await signIn(page, ADMIN, ADMIN_PASSWORD)
  await page.goto('/admin/keys')
  await page.getByTestId('key-create').click()
  await page.getByTestId('key-name').locator('input').fill(name)
  await chooseOption(page, 'key-role', 'Viewer')
  await page.getByTestId('key-submit').click()

  const dialog = page.getByTestId('key-shown-once')
  await expect(dialog).toContainText('shown only this once')
  const key = await page.getByTestId('new-key').locator('textarea').inputValue()
  expect(key).toMatch(/^tfk_/)
  const me = await request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${key}` } })
  expect(me.status()).toBe(200)
  expect((await me.json()).apiKey.name).toBe(name)

  await page.getByTestId('key-done').click()
  await expect(dialog).toBeHidden()
  // Once closed, the key is nowhere on the page: only its prefix is listed.
  const row = page.getByTestId('keys-table').locator('tr', { hasText: name })
  await expect(row).toContainText('Viewer')
  await expect(row).toContainText('Active')
  await expect(page.locator('body')).not.toContainText(key)
  expect(key.startsWith((await row.locator('code').innerText()).replace('…', ''))).toBe(true)

  await page.getByTestId(`key-revoke-${name}`).click()
  await page.getByRole('button', { name: 'Revoke', exact: true }).last().click()
  await expect(row).toHaveCount(0)
  await page.getByTestId('show-revoked').click()
  await expect(page.getByTestId('keys-table').locator('tr', { hasText: name })).toContainText('Revoked')
  const refused = await request.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${key}` } })
  expect(refused.status()).toBe(401)
  expect(errors).toEqual([])
})

test('an admin adds an existing user to the project, changes their role and removes them', async ({ page, request }) => {
  const errors = watchConsole(page)
  const name = `admin-e2e-mem-${RUN}`
  created.push(name)
  const r = await request.post('/api/v1/users', { headers: { Authorization: `Bearer ${await token(request)}` }, data: { name, password: PASSWORD } })
  expect(r.status()).toBe(201)
  await signIn(page, ADMIN, ADMIN_PASSWORD)
  await page.goto('/admin/members')
  await page.getByTestId('member-add').click()
  await page.getByTestId('member-name').locator('input').fill(name)
  await chooseOption(page, 'member-role', 'Viewer')
  await page.getByTestId('member-submit').click()
  const row = page.getByTestId('members-table').locator('tr', { hasText: name })
  await expect(row.getByTestId(`member-role-${name}`)).toContainText('Viewer')

  await chooseOption(page, `member-role-${name}`, 'Operator')
  await expect(page.getByText(`${name} is now Operator`)).toBeVisible()
  await expect(row.getByTestId(`member-role-${name}`)).toContainText('Operator')
  const members = await request.get('/api/v1/members', { headers: { Authorization: `Bearer ${await token(request)}` } })
  expect(((await members.json()).items as { name: string; role: string }[]).find((m) => m.name === name)?.role).toBe('OPERATOR')

  await page.getByTestId(`member-remove-${name}`).click()
  await expect(page.getByRole('dialog')).toContainText('loses access to this project')
  await page.getByRole('button', { name: 'Remove', exact: true }).last().click()
  await expect(row).toHaveCount(0)
  expect(errors).toEqual([])
})

test('only a superadmin may read every project’s audit log', async ({ page, browser, request }) => {
  const errors = watchConsole(page)
  await signIn(page, ADMIN, ADMIN_PASSWORD)
  await page.goto('/admin/audit')
  const toggle = page.getByTestId('audit-all-tenants')
  await expect(toggle).toBeVisible()
  await expect(page.getByTestId('audit-table').locator('th', { hasText: 'Project' })).toHaveCount(0)
  await toggle.click()
  await expect(page).toHaveURL(/allTenants=true/)
  await expect(page.getByTestId('audit-table').locator('th', { hasText: 'Project' })).toHaveCount(1)
  expect(errors).toEqual([])

  // A tenant ADMIN who is no superadmin reads the tenant's log, without the toggle.
  const name = `admin-e2e-adm-${RUN}`
  created.push(name)
  const r = await request.post('/api/v1/users', {
    headers: { Authorization: `Bearer ${await token(request)}` },
    data: { name, password: PASSWORD, tenants: { default: 'ADMIN' } },
  })
  expect(r.status()).toBe(201)
  const tenantAdmin = await signedInPage(browser, name, PASSWORD)
  await tenantAdmin.page.goto('/admin/audit?allTenants=true')
  await expect(tenantAdmin.page.getByTestId('audit-table')).toBeVisible()
  await expect(tenantAdmin.page.getByTestId('audit-all-tenants')).toHaveCount(0)
  await expect(tenantAdmin.page.getByTestId('audit-table').locator('th', { hasText: 'Project' })).toHaveCount(0)
  const sidebar = tenantAdmin.page.locator('nav').first()
  await expect(sidebar.getByText('Members', { exact: true })).toHaveCount(1)
  await expect(sidebar.getByText('Users', { exact: true })).toHaveCount(0)
  await expect(sidebar.getByText('Projects', { exact: true })).toHaveCount(0)
  expect(tenantAdmin.errors).toEqual([])
  await tenantAdmin.close()
})
