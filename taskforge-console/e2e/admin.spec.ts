// The administration pages end to end against a running server (see playwright.config.ts and
// support.ts): an operator sees none of them, a member is added, re-roled and removed, an API key
// is shown once and works until revoked, the audit log records a user's creation, and only a
// superadmin may read every project's log.
import type { Browser, Page } from '@playwright/test'
import { ADMIN, Api, expect, signIn, test, unique } from './support'

const PASSWORD = 'Admin-e2e-Lantern-42'

/** Errors a page of another browser context logs (the `page` fixture watches only its own). */
function watchConsole(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
  return errors
}

/** A page of a fresh browser context (its own storage: its own session), signed in as {@code user}. */
async function signedInAs(browser: Browser, baseURL: string | undefined, user: string): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  const errors = watchConsole(page)
  await page.goto('/login')
  await page.getByTestId('login-username').locator('input').fill(user)
  await page.getByTestId('login-password').locator('input').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('user-menu')).toBeVisible()
  return { page, errors, close: () => context.close() }
}

async function chooseOption(page: Page, select: string, option: string) {
  await page.getByTestId(select).click()
  await page.locator('.n-base-select-option', { hasText: option }).first().click()
}

/** Users this spec made, deleted at the end. */
const created: string[] = []
async function createUser(api: Api, tenants: Record<string, string>): Promise<{ id: string; name: string }> {
  const name = unique('admin-e2e')
  created.push(name)
  return api.post('/users', { name, password: PASSWORD, tenants })
}

test.afterAll(async ({ request }) => {
  const api = await new Api(request).signIn()
  const users = (await api.get<{ items: { id: string; name: string }[] }>('/users')).items
  for (const u of users.filter((x) => created.includes(x.name))) await api.delete(`/users/${u.id}`)
})

test('an operator created on the users page sees no administration', async ({ page, browser, request, baseURL }) => {
  const api = await new Api(request).signIn()
  const name = unique('admin-e2e-op')
  created.push(name)
  await signIn(page)

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

  const operator = await signedInAs(browser, baseURL, name)
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
  const id = (await api.get<{ items: { id: string; name: string }[] }>('/users')).items.find((u) => u.name === name)?.id
  expect(id).toBeTruthy()
  await page.goto('/admin/audit')
  await page.getByTestId('audit-action').locator('input').fill('user.create')
  await page.getByTestId('audit-targetId').locator('input').fill(id!)
  await page.getByTestId('audit-apply').click()
  await expect(page).toHaveURL(/action=user\.create/)
  const entry = page.getByTestId('audit-table').locator('tbody tr').first()
  await expect(entry).toContainText('user.create')
  await expect(entry).toContainText(ADMIN.username)
  await expect(entry).toContainText('Succeeded · 201')
  await entry.getByRole('button', { name: 'Show the details of this event' }).click()
  await expect(page.locator('[data-testid^=audit-detail-]')).toContainText(`created /api/v1/users/${id}`)
})

test('a new API key is shown once, works, and stops working when revoked', async ({ page, request }) => {
  const name = unique('admin-e2e-key')
  await signIn(page, '/admin/keys')
  await page.getByTestId('key-create').click()
  await page.getByTestId('key-name').locator('input').fill(name)
  await chooseOption(page, 'key-role', 'Viewer')
  await page.getByTestId('key-submit').click()

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  const dialog = page.getByTestId('key-shown-once')
  await expect(dialog).toContainText('shown only this once')
  const key = await page.getByTestId('new-key').locator('textarea').inputValue()
  expect(key).toMatch(/^tfk_/)
  await page.getByTestId('copy-key').click()
  await expect(page.getByText('The key was copied')).toBeVisible()
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key)
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
})

test('an admin adds an existing user to the project, changes their role and removes them', async ({ page, request }) => {
  const api = await new Api(request).signIn()
  const { name } = await createUser(api, {})
  await signIn(page, '/admin/members')
  await page.getByTestId('member-add').click()
  await page.getByTestId('member-name').locator('input').fill(name)
  await chooseOption(page, 'member-role', 'Viewer')
  await page.getByTestId('member-submit').click()
  const row = page.getByTestId('members-table').locator('tr', { hasText: name })
  await expect(row.getByTestId(`member-role-${name}`)).toContainText('Viewer')

  await chooseOption(page, `member-role-${name}`, 'Operator')
  await expect(page.getByText(`${name} is now Operator`)).toBeVisible()
  await expect(row.getByTestId(`member-role-${name}`)).toContainText('Operator')
  const members = (await api.get<{ items: { name: string; role: string }[] }>('/members')).items
  expect(members.find((m) => m.name === name)?.role).toBe('OPERATOR')

  await page.getByTestId(`member-remove-${name}`).click()
  await expect(page.getByRole('dialog')).toContainText('loses access to this project')
  await page.getByRole('button', { name: 'Remove', exact: true }).last().click()
  await expect(row).toHaveCount(0)
})

test('a superadmin resets a password, disables, enables and deletes a user', async ({ page, request }) => {
  const api = await new Api(request).signIn()
  const { name } = await createUser(api, { default: 'VIEWER' })
  const signsIn = async (password: string) => (await request.post('/api/v1/auth/login', { data: { username: name, password } })).status()
  await signIn(page, '/admin/users')
  const row = page.getByTestId('users-table').locator('tr', { hasText: name })

  await page.getByTestId(`user-reset-${name}`).click()
  await page.locator('#tf-reset-password').fill(`${PASSWORD}-new`)
  await page.getByTestId('reset-submit').click()
  await expect(page.getByText(`The password of ${name} was changed`)).toBeVisible()
  expect(await signsIn(`${PASSWORD}-new`)).toBe(200)
  expect(await signsIn(PASSWORD)).toBe(401)

  await page.getByTestId(`user-disable-${name}`).click()
  await expect(page.getByRole('dialog')).toContainText('signed out of every session')
  await page.getByRole('button', { name: 'Disable', exact: true }).last().click()
  await expect(row).toContainText('Disabled')
  expect(await signsIn(`${PASSWORD}-new`)).toBe(401)
  await page.getByTestId(`user-enable-${name}`).click()
  await expect(row).toContainText('Active')
  expect(await signsIn(`${PASSWORD}-new`)).toBe(200)

  await page.getByTestId(`user-delete-${name}`).click()
  await expect(page.getByRole('dialog')).toContainText('cannot be undone')
  await page.getByRole('button', { name: 'Delete', exact: true }).last().click()
  await expect(row).toHaveCount(0)
})

test('a superadmin creates a project with limits, removes one, and deletes the project', async ({ page, request }) => {
  const api = await new Api(request).signIn()
  const id = unique('admin-e2e')
  await signIn(page, '/admin/tenants')
  await page.getByTestId('tenant-create').click()
  await page.getByTestId('tenant-id').locator('input').fill(id)
  await page.getByTestId('tenant-name').locator('input').fill('E2E project')
  await page.getByTestId('tenant-maxWaiting').locator('input').fill('1000')
  await page.getByTestId('tenant-maxRunning').locator('input').fill('4')
  await page.getByTestId('tenant-submit').click()
  const row = page.getByTestId('tenants-table').locator('tr', { hasText: id })
  await expect(row).toContainText('1,000')
  expect(await api.get(`/tenants/${id}`)).toMatchObject({ maxWaiting: 1000, maxRunning: 4, maxPayloadBytes: null })

  await page.getByTestId(`tenant-edit-${id}`).click()
  await page.getByTestId('tenant-maxWaiting').locator('input').fill('')
  await page.getByTestId('tenant-submit').click()
  await expect(page.getByText('E2E project was saved')).toBeVisible()
  expect(await api.get(`/tenants/${id}`)).toMatchObject({ maxWaiting: null, maxRunning: 4 })

  await page.getByTestId(`tenant-delete-${id}`).click()
  await expect(page.getByRole('dialog')).toContainText('API keys are revoked')
  await page.getByRole('button', { name: 'Delete', exact: true }).last().click()
  await expect(row).toHaveCount(0)
  await expect(page.getByTestId('tenant-delete-default')).toBeDisabled()
})

test('only a superadmin may read every project’s audit log', async ({ page, browser, request, baseURL }) => {
  await signIn(page, '/admin/audit')
  const toggle = page.getByTestId('audit-all-tenants')
  await expect(toggle).toBeVisible()
  await expect(page.getByTestId('audit-table').locator('th', { hasText: 'Project' })).toHaveCount(0)
  await toggle.click()
  await expect(page).toHaveURL(/allTenants=true/)
  await expect(page.getByTestId('audit-table').locator('th', { hasText: 'Project' })).toHaveCount(1)

  // A tenant ADMIN who is no superadmin reads the tenant's log, without the toggle.
  const { name } = await createUser(await new Api(request).signIn(), { default: 'ADMIN' })
  const tenantAdmin = await signedInAs(browser, baseURL, name)
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
