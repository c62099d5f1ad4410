// A wide ledger at 1366×768: every column of the mapping table can be reached (the table scrolls
// inside a frame that fits the screen, its scroll bar in view, the page does not cut it off), the
// header-row line counts the data rows the import reads, and the dry run names the rows of each warning.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { go, openApp, type App } from './harness'

let app: App
let dir = ''
let csvPath = ''

const HEADER = ['姓名', '手机号', '其他电话', '性别', '生日', '区域', '地址', '单位', '职务', '客户类型', '门店名称', '会员卡号', '会员等级',
  '剩余积分', '消费日期', '消费商品', '消费金额', '推荐人', '来源', '备注']
const blank = ','.repeat(HEADER.length - 1)
const row = (...cells: string[]) => [...cells, ...Array(HEADER.length - cells.length).fill('')].join(',')
const CSV = [
  '老台账客户名单' + blank.slice(1),
  '导出日期：2024-06-01' + blank.slice(1),
  HEADER.join(','),
  row('张一', '138—0013—8001', '', '男', '32874'),
  row('张二', '138–0013–8002', '', '女', '2999-01-01'),
  blank,
  row('张三', '138－0013－8003', '', '', '1985'),
  row('张四', '138‐0013‐8004', '', '', '31118'),
  blank,
  // Twenty more customers, so the preview is taller than the screen.
  ...Array.from({ length: 20 }, (_, i) => row(`客户${i + 1}`, `1390013${String(9000 + i)}`)),
  row('合计', '24人'),
].join('\r\n')

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jiuke-import-wide-'))
  csvPath = join(dir, '宽台账.csv')
  writeFileSync(csvPath, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]))
  app = await openApp()
  await app.page.setViewportSize({ width: 1366, height: 768 })
})

afterAll(async () => {
  await app?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

describe('a wide ledger at 1366×768', () => {
  test('every mapping column can be reached and seen', async () => {
    const { page } = app
    await go(app, '/imports')
    await page.locator('[data-test="import-file"]').setInputFiles(csvPath)
    await page.locator('[data-test="import-opened"]').waitFor({ timeout: 60_000 })
    await page.locator('[data-test="import-next-mapping"]').click({ noWaitAfter: true })
    await page.locator('[data-test="step-mapping"]').waitFor({ timeout: 60_000 })
    expect(await page.locator('[data-test="import-header-row"]').textContent()).toBe('表头在第 3 行，共 24 行数据')

    // The page itself never scrolls sideways: the table scrolls inside its frame.
    const pageWide = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(pageWide).toBeLessThanOrEqual(1366)
    const wrap = page.locator('.jk-preview-wrap')
    const frame = (await wrap.boundingBox())!
    expect(frame.x + frame.width).toBeLessThanOrEqual(1366)
    const scroll = await wrap.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }))
    expect(scroll.scroll).toBeGreaterThan(scroll.client)
    // Its horizontal scroll bar is on screen without scrolling the page down past every preview row.
    await page.locator('.jk-main').evaluate((el) => el.scrollTo(0, 0))
    const shown = (await wrap.boundingBox())!
    expect(shown.y + shown.height).toBeLessThanOrEqual(768)

    // Each column header (and its field choice) can be scrolled into the frame and is then fully in view.
    for (let i = 0; i < HEADER.length; i++) {
      const th = page.locator(`[data-test="map-col-${i}"]`)
      await th.scrollIntoViewIfNeeded()
      const box = (await th.boundingBox())!
      const f = (await wrap.boundingBox())!
      expect(box.x, `column ${HEADER[i]}`).toBeGreaterThanOrEqual(f.x - 1)
      expect(box.x + box.width, `column ${HEADER[i]}`).toBeLessThanOrEqual(Math.min(f.x + f.width, 1366) + 1)
      expect(await page.locator(`[data-test="map-field-${i}"]`).isVisible()).toBe(true)
    }
    // The buttons below stay on screen-width too.
    const next = (await page.locator('[data-test="import-next-policy"]').boundingBox())!
    expect(next.x + next.width).toBeLessThanOrEqual(1366)
  })

  test('the dry run names the rows of each warning', async () => {
    const { page } = app
    await page.locator('[data-test="import-next-policy"]').click()
    await page.locator('[data-test="import-dry-run"]').click()
    await page.locator('[data-test="dry-summary"]').waitFor({ timeout: 60_000 })
    expect(await page.locator('[data-test="dry-read"]').textContent()).toBe('24')
    expect(await page.locator('[data-test="dry-created"]').textContent()).toBe('24')
    const warnings = await page.locator('[data-test="dry-warnings-by"]').textContent()
    expect(warnings).toContain('生日晚于今天：第 5 行')
    expect(warnings).toContain('生日无法识别：第 7 行')
  })
})
