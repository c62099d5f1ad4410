// A shop's day on the Windows program: jiuke.exe as the real installer put it into a wine prefix
// (scripts/windows-wine-test.sh prepares the prefix and names the program in JIUKE_WINE_EXE; without
// it this file is skipped), its data in a folder with a Chinese name. First-start setup, customers with
// Chinese names, a GBK .csv and an .xls uploaded under Chinese file names, an export, a backup taken
// from the command line and from the page while a purchase is being recorded, a clean quit (what
// taskkill sends a GUI program) and a start with nothing lost, and a restore staged for the next start.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright-core'
import { call, createCustomer, launch, launchBrowser, signIn, type App } from './harness'

const EXE = process.env.JIUKE_WINE_EXE ?? ''
const DB = 'C:\\酒客数据\\蜀香酒行.db'
const CLI_BACKUP = 'C:\\酒客数据\\手动备份\\周五晚上.db'
const SHOP = { shop: '蜀香酒行', name: '老板', password: 'shuxiang-2024' }
const run = promisify(execFile)

const winToUnix = (p: string) => execFileSync('winepath', ['-u', p]).toString().trim()
const sqlite = (file: string, sql: string) =>
  execFileSync('python3', ['-c', 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])', file, sql])
    .toString().trim()

/** gbk encodes text as Excel on a Chinese Windows saves it (Node decodes GBK but cannot encode it). */
function gbk(text: string): Buffer {
  const table = new Map<string, number[]>()
  const dec = new TextDecoder('gbk')
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) if (lo !== 0x7f) table.set(dec.decode(Uint8Array.of(hi, lo)), [hi, lo])
  }
  const out: number[] = []
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0))
    else out.push(...table.get(ch)!)
  }
  return Buffer.from(out)
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

let dir = ''
let port = 0
let browser: Browser
let page: Page
let ouyang = 0
let server: Awaited<ReturnType<typeof launch>> | undefined
const pageErrors: string[] = []
// The harness helpers take an App; only its page and server address are used here.
const app = () => ({ page, server: { url: server!.url } }) as unknown as App

async function start() {
  server = await launch('wine', [EXE, 'serve', '--addr', `127.0.0.1:${port}`, '--db', DB], 60_000)
  await page.goto(server.url)
}

/** quit asks the program to close the way Windows' taskkill (without /F) does: WM_CLOSE to its windows. */
async function quit() {
  const proc = server!.proc
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)))
  if (proc.exitCode !== null) return
  execFileSync('wine', ['taskkill', '/IM', 'jiuke.exe'], { stdio: 'ignore' })
  const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 20_000))])
  expect(code, 'jiuke.exe after WM_CLOSE:\n' + server!.output()).toBe(0)
  server = undefined
}

async function signInAgain() {
  await page.locator('[data-test="signin-submit"]').waitFor()
  await signIn(page, SHOP.name, SHOP.password)
  await page.locator('[data-test="shop-name"]').filter({ hasText: SHOP.shop }).waitFor()
}

async function customerNames(): Promise<string[]> {
  await page.goto(server!.url + '#/customers')
  const cells = page.locator('[data-test="cell-name"]')
  await cells.first().waitFor()
  return (await cells.allTextContents()).map((s) => s.trim()).sort()
}

async function importFile(path: string, name: string, created: string) {
  await page.goto(server!.url + '#/imports')
  await page.locator('[data-test="import-wizard"]').waitFor()
  await page.locator('[data-test="import-file"]').setInputFiles(path)
  await page.locator('[data-test="import-opened"]').waitFor()
  expect(await page.locator('[data-test="import-file-name"]').textContent()).toBe(name)
  await page.locator('[data-test="import-next-mapping"]').click()
  await page.locator('[data-test="step-mapping"]').waitFor()
  await page.locator('[data-test="import-next-policy"]').click()
  await page.locator('[data-test="import-dry-run"]').click()
  await page.locator('[data-test="dry-summary"]').waitFor()
  await page.locator('[data-test="import-start"]').click()
  await page.locator('[data-test="step-done"]').waitFor()
  expect(await page.locator('[data-test="result-created"]').textContent()).toBe(created)
  await page.locator('[data-test="import-again"]').click()
}

// Under wine every start and every call is slower than natively; a shared CI machine slower still.
describe.skipIf(!EXE)('the installed Windows program under wine', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jiuke-wine-'))
    port = await freePort()
    browser = await launchBrowser()
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true })
    context.setDefaultTimeout(30_000)
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(String(e)))
    await start()
  }, 180_000)

  afterAll(async () => {
    if (server) await quit().catch(() => server?.proc.kill('SIGKILL'))
    await browser?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  }, 60_000)

  test('first start: the setup screen makes the shop and signs the owner in', async () => {
    await page.locator('[data-test="setup-shopName"] input').fill(SHOP.shop)
    await page.locator('[data-test="setup-ownerName"] input').fill(SHOP.name)
    await page.locator('[data-test="setup-password"] input').fill(SHOP.password)
    await page.locator('[data-test="setup-confirm"] input').fill(SHOP.password)
    await page.locator('[data-test="setup-confirm"] input').press('Enter')
    await page.locator('[data-test="shop-name"]').filter({ hasText: SHOP.shop }).waitFor()
    expect(existsSync(winToUnix(DB))).toBe(true)
  })

  test('customers with Chinese names', async () => {
    ouyang = await createCustomer(app(), { name: '欧阳娜娜', mobile: '13800138001' })
    await createCustomer(app(), { name: '司马相如', mobile: '13900139002', company: '成都文君酒坊' })
    expect(await customerNames()).toEqual(['司马相如', '欧阳娜娜'])
  })

  test('a GBK .csv and an .xls, uploaded under Chinese file names, import', async () => {
    const csv = join(dir, '老客户名单（GBK）.csv')
    writeFileSync(csv, gbk('姓名,手机号\r\n张志强,13800138011\r\n李秀英,13800138012\r\n'))
    await importFile(csv, '老客户名单（GBK）.csv', '2')
    // An .xls as older shop systems export it: a web page declared as GBK.
    const xls = join(dir, '宴席客户.xls')
    writeFileSync(xls, gbk('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><table>' +
      '<tr><td>姓名</td><td>手机号</td></tr><tr><td>王建国</td><td>13800138013</td></tr><tr><td>赵丽华</td><td>13800138014</td></tr>' +
      '</table></body></html>'))
    await importFile(xls, '宴席客户.xls', '2')
    expect(await customerNames()).toEqual(['司马相如', '张志强', '李秀英', '欧阳娜娜', '王建国', '赵丽华'].sort())
  })

  test('export: the customer list downloads as a workbook with every customer', async () => {
    await page.goto(server!.url + '#/customers')
    await page.locator('[data-test="cell-name"]').first().waitFor()
    const [d] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-customers"]').click()])
    expect(d.suggestedFilename()).toMatch(/\.xlsx$/)
    const file = join(dir, 'export.xlsx')
    await d.saveAs(file)
    // Every customer's name is in the workbook.
    const strings = execFileSync('python3', ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); sys.stdout.write("".join(z.read(n).decode() for n in z.namelist() if n.endswith(".xml")))', file]).toString()
    for (const name of ['司马相如', '张志强', '李秀英', '欧阳娜娜', '王建国', '赵丽华']) expect(strings).toContain(name)
    expect(await page.locator('[data-test="export-customers-result"]').textContent()).toContain('6 行')
  })

  test('backups from the command line and from the page while a purchase is being recorded', async () => {
    const product = await call<{ id: number }>(page, 'Sales', 'SaveProduct', { id: 0, name: '五粮液普五', series: '五粮液', volumeMl: 500,
      abv: '52%vol', category: '白酒', retailFen: 109900, service: false, active: true, levelPrices: {} })
    const buy = (key: string) => call(page, 'Sales', 'Record', { customerId: ouyang, cardNumber: '',
      lines: [{ productId: product.id, qty: 2, overridePrice: false, unitFen: 0 }], date: '', note: '', key, noPoints: false })
    // The command line (jiuke.exe backup, into a Chinese-named folder) and the page's 立即备份 both run
    // while purchases are being written.
    await page.goto(server!.url + '#/settings?tab=backup')
    const [cli] = await Promise.all([
      run('wine', [EXE, 'backup', '--db', DB, '--out', CLI_BACKUP]),
      buy('wine-purchase-1'),
      page.locator('[data-test="backup-now"]').click(),
      buy('wine-purchase-2'),
    ])
    expect(cli.stdout).toContain('已备份到')
    await expect.poll(() => page.locator('[data-test="backup-done"]').textContent()).toMatch(/酒客通备份-\d{8}-\d{6}\.db/)
    const copy = winToUnix(CLI_BACKUP)
    expect(sqlite(copy, 'PRAGMA integrity_check')).toBe('ok')
    expect(Number(sqlite(copy, 'SELECT COUNT(*) FROM customers'))).toBe(6)
    expect(await call<unknown[]>(page, 'Sales', 'Purchases', ouyang, '', 0)).toHaveLength(2)
  })

  test('a clean quit leaves one sound file, and the next start has everything', async () => {
    await quit()
    const file = winToUnix(DB)
    expect(existsSync(file + '-wal') || existsSync(file + '-shm')).toBe(false)
    expect(sqlite(file, 'PRAGMA integrity_check')).toBe('ok')
    expect(sqlite(file, 'SELECT COUNT(*) FROM customers')).toBe('6')
    expect(sqlite(file, 'SELECT COUNT(*) FROM purchases')).toBe('2')
    await start()
    await signInAgain()
    expect(await customerNames()).toEqual(['司马相如', '张志强', '李秀英', '欧阳娜娜', '王建国', '赵丽华'].sort())
  })

  test('a restore chosen on the page is applied at the next start', async () => {
    await createCustomer(app(), { name: '备份后新客', mobile: '13700137005' })
    await page.goto(server!.url + '#/settings?tab=backup')
    const name = (await page.locator('[data-test="backup-cell-name"]', { hasText: '酒客通备份-' }).first().textContent())!.trim()
    await page.locator(`[data-test="backup-restore-${name}"]`).click()
    await page.locator('.el-dialog', { hasText: '确认从备份恢复' }).locator('[data-test="restore-confirm"]').click()
    await page.locator('[data-test="restore-restart"]').waitFor()
    await quit()
    await start()
    await signInAgain()
    const names = await customerNames()
    expect(names).toContain('欧阳娜娜')
    expect(names).not.toContain('备份后新客')
    expect(pageErrors).toEqual([])
  })
})
