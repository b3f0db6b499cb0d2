// Shared by every spec: sign in as the admin, fail on any browser console error, create data
// through the API. Use `import { test, expect } from './support'` instead of @playwright/test:
// the `page` fixture then fails the test when the page logged an error.
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test'

export const ADMIN = { username: 'admin', password: process.env.TASKFORGE_E2E_PASSWORD ?? '' }

/** Messages the browser prints that are not the console's errors. */
const IGNORED = [/Download the Vue Devtools/]

/** Errors the page logged, per page, for specs that want to look at them mid-test. */
export const consoleErrors = new WeakMap<Page, string[]>()
const allowed = new WeakMap<Page, RegExp[]>()

/**
 * Lets the page log errors matching {@code pattern}: the browser itself logs every 4xx answer
 * ("Failed to load resource: ... 401"), which a spec that provokes one expects.
 */
export function allowConsoleError(page: Page, pattern: RegExp): void {
  allowed.set(page, [...(allowed.get(page) ?? []), pattern])
}

export const test = base.extend({
  page: async ({ page }, use) => {
    const errors: string[] = []
    consoleErrors.set(page, errors)
    page.on('console', (m) => {
      if (m.type() === 'error' && !IGNORED.some((r) => r.test(m.text()))) errors.push(`console.error: ${m.text()} (${m.location().url})`)
    })
    page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`))
    await use(page)
    const expected = allowed.get(page) ?? []
    expect(errors.filter((e) => !expected.some((r) => r.test(e))), 'the browser console logged errors').toEqual([])
  },
})
export { expect }

/** Signs in through the login page and waits for the layout. */
export async function signIn(page: Page, path = '/'): Promise<void> {
  await page.goto(path)
  await page.getByTestId('login-username').locator('input').fill(ADMIN.username)
  await page.getByTestId('login-password').locator('input').fill(ADMIN.password)
  await page.getByTestId('login-submit').click()
  await expect(page.getByTestId('user-menu')).toBeVisible()
}

/** An API client signed in as the admin, for creating the data a test needs. */
export class Api {
  private token = ''
  constructor(private readonly request: APIRequestContext) {}

  async signIn(): Promise<this> {
    const r = await this.request.post('/api/v1/auth/login', { data: ADMIN })
    expect(r.status(), await r.text()).toBe(200)
    this.token = (await r.json()).accessToken
    return this
  }

  private headers() {
    return { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' }
  }

  async get<T = any>(path: string): Promise<T> {
    const r = await this.request.get(`/api/v1${path}`, { headers: this.headers() })
    expect(r.ok(), `GET ${path}: ${r.status()} ${await r.text()}`).toBe(true)
    return r.json()
  }

  async post<T = any>(path: string, body: unknown): Promise<T> {
    const r = await this.request.post(`/api/v1${path}`, { headers: this.headers(), data: body })
    expect(r.ok(), `POST ${path}: ${r.status()} ${await r.text()}`).toBe(true)
    return r.status() === 204 ? (undefined as T) : r.json()
  }

  async patch<T = any>(path: string, body: unknown): Promise<T> {
    const r = await this.request.patch(`/api/v1${path}`, { headers: this.headers(), data: body })
    expect(r.ok(), `PATCH ${path}: ${r.status()} ${await r.text()}`).toBe(true)
    return r.json()
  }

  async delete(path: string): Promise<void> {
    const r = await this.request.delete(`/api/v1${path}`, { headers: this.headers() })
    expect(r.ok(), `DELETE ${path}: ${r.status()} ${await r.text()}`).toBe(true)
  }

  /** Creates a task (POST /tasks) and returns it. */
  createTask(body: Record<string, unknown>): Promise<any> {
    return this.post('/tasks', body)
  }

  /** Waits until the task reaches one of the statuses. */
  async awaitTask(id: string, ...statuses: string[]): Promise<any> {
    let task: any
    await expect
      .poll(async () => (task = await this.get(`/tasks/${id}`)).status, { timeout: 60_000 })
      .toMatch(new RegExp(`^(${statuses.join('|')})$`))
    return task
  }
}

/** A name unique to this run, so specs do not see each other's data. */
export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`
}
