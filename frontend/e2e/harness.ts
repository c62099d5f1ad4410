// Starts a real `jiuke serve` on a fresh temp database and a real Chromium (Debian's, via
// playwright-core), one of each per test file.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

export interface Server {
  url: string
  dir: string
  stop: () => Promise<void>
}

export async function startServer(): Promise<Server> {
  const bin = process.env.JIUKE_BIN
  if (!bin) throw new Error('JIUKE_BIN must name the jiuke binary (built without the desktop tag)')
  const dir = mkdtempSync(join(tmpdir(), 'jiuke-e2e-'))
  const { url, proc } = await launch(bin, ['serve', '--addr', '127.0.0.1:0', '--db', join(dir, 'e2e.db')])
  return {
    url,
    dir,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise<void>((r) => proc.once('exit', () => r()))
        proc.kill('SIGTERM')
        const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000)
        await exited
        clearTimeout(timer)
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/**
 * launch starts a server command (`jiuke serve …`, or `wine jiuke.exe serve …` for the Windows build)
 * and resolves once it prints its address; output() is everything it printed so far.
 */
export async function launch(cmd: string, args: string[], waitMs = 20_000): Promise<{ url: string; proc: ChildProcess; output: () => string }> {
  const proc: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`jiuke serve did not print its URL within ${waitMs / 1000} s:\n` + output)), waitMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = output.match(/http:\/\/127\.0\.0\.1:\d+\//)
      if (m) {
        clearTimeout(timer)
        resolve(m[0])
      }
    }
    proc.stdout!.on('data', onData)
    proc.stderr!.on('data', (c: Buffer) => (output += c.toString()))
    proc.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`jiuke serve exited (${code}) before listening:\n${output}`))
    })
    proc.on('error', (err) => {
      clearTimeout(timer)
      reject(err)
    })
  })
  return { url, proc, output: () => output }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  })
}

export interface App {
  server: Server
  browser: Browser
  context: BrowserContext
  page: Page
  /** Errors the page logged or threw; a test can assert none happened. */
  pageErrors: string[]
  close: () => Promise<void>
}

/** The owner every test database is set up with (first-start setup). */
export const OWNER = { shop: '我的酒行', name: '店主', password: 'laoban-8888' }

async function newPage(browser: Browser, pageErrors: string[]) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  page.on('pageerror', (e) => pageErrors.push(String(e)))
  page.on('console', (m) => {
    // A refused call (401-ish 403, 409, 422) is logged by the browser as a failed resource; that is expected.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) pageErrors.push(m.text())
  })
  return { context, page }
}

/**
 * setUpOwner completes the first-start setup from inside the page (the setup screen is tested on its
 * own in auth.test.ts) and reloads: the owner is then signed in on this browser.
 */
export async function setUpOwner(page: Page, url: string) {
  await page.locator('[data-test="setup-title"]').waitFor()
  await call(page, 'Auth', 'Setup', { shopName: OWNER.shop, ownerName: OWNER.name, password: OWNER.password })
  await page.goto(url)
  await page.locator('[data-test="shop-name"]').filter({ hasText: /\S/ }).waitFor()
}

/**
 * openApp starts a server on a fresh database and a browser page on it; close() ends both. By default
 * the database is set up and the owner signed in; {setup: false} leaves the first-start screen showing.
 */
export async function openApp(opts: { setup?: boolean } = {}): Promise<App> {
  const server = await startServer()
  let browser: Browser | undefined
  try {
    browser = await launchBrowser()
    const pageErrors: string[] = []
    const { context, page } = await newPage(browser, pageErrors)
    await page.goto(server.url)
    if (opts.setup === false) await page.locator('[data-test="setup-title"]').waitFor()
    else await setUpOwner(page, server.url)
    return {
      server, browser, context, page, pageErrors,
      close: async () => {
        await browser?.close()
        await server.stop()
      },
    }
  } catch (e) {
    await browser?.close()
    await server.stop()
    throw e
  }
}

/**
 * openSeat opens another browser with its own cookie (another PC or tablet in the shop), on the
 * sign-in screen. Its errors are collected into app.pageErrors too.
 */
export async function openSeat(app: App): Promise<Page> {
  const { page } = await newPage(app.browser, app.pageErrors)
  await page.goto(app.server.url)
  await page.locator('[data-test="signin-submit"]').waitFor()
  return page
}

/** signIn picks the staff member on the sign-in screen, types the secret and presses Enter. */
export async function signIn(page: Page, name: string, secret: string) {
  await page.locator('[data-test="signin-staff"] .el-radio', { hasText: name }).click()
  const input = page.locator('[data-test="signin-secret"] input')
  await input.fill(secret)
  await input.press('Enter')
}

/** go navigates inside the single-page app (hash routes). */
export async function go(app: App, hashPath: string) {
  await app.page.goto(app.server.url + '#' + hashPath)
}

/** fill types into the input (or textarea) inside a data-test wrapper. */
export async function fill(page: Page, test: string, value: string) {
  const el = page.locator(`[data-test="${test}"]`).locator('input, textarea').first()
  await el.fill(value)
}

/** createCustomer goes through the new-customer form and waits for the detail page. */
export async function createCustomer(app: App, c: { name: string; mobile?: string; district?: string; company?: string }) {
  const { page } = app
  await go(app, '/customers/new')
  await fill(page, 'field-name', c.name)
  if (c.mobile) await fill(page, 'field-mobile', c.mobile)
  if (c.company) await fill(page, 'field-company', c.company)
  if (c.district) {
    const input = page.locator('[data-test="field-district"] input')
    await input.click()
    await input.fill(c.district)
    await input.press('Tab')
  }
  await page.locator('[data-test="form-save"]').click()
  await page.waitForURL(/#\/customers\/\d+$/)
  await page.locator('[data-test="customer-name"]').filter({ hasText: c.name }).waitFor()
  const id = Number(page.url().match(/customers\/(\d+)$/)![1])
  return id
}

/** call invokes a service method through the page's own window.go, for setting up data quickly. */
export async function call<T>(page: Page, service: string, method: string, ...args: unknown[]): Promise<T> {
  return page.evaluate(async ([s, m, a]) => {
    const go = (window as unknown as { go: { app: Record<string, Record<string, (...x: unknown[]) => Promise<unknown>>> } }).go
    try {
      return await go.app[s as string][m as string](...(a as unknown[]))
    } catch (e) {
      throw new Error(`${s}.${m}: ${JSON.stringify(e)}`)
    }
  }, [service, method, args] as const) as Promise<T>
}
