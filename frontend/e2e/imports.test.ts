// Importing a hand-kept ledger through the real UI on a real server: a UTF-8 (BOM) .csv with a title
// row, a bad phone and a 合计 row is uploaded, its columns guessed, dry-run, imported as one batch;
// the customers appear in the list, the error report and the template download, exports give row
// counts, and the batch is undone from 导入记录.
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Download } from 'playwright-core'
import { go, openApp, type App } from './harness'

let app: App
let dir = ''
let csvPath = ''

const CSV = [
  '蜀香酒业客户台账,,,',
  '姓名,手机号,生日,积分',
  '张志强,13800138001,1985-03-12,100',
  '李秀英,13800138002,1990/5/6,200',
  '王建国,1380013800,1978年3月12日,50',
  '赵丽华,13900139004,3月12日,0',
  '孙明,13700137005,,300',
  '合计,,,650',
].join('\r\n')

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jiuke-import-'))
  csvPath = join(dir, '蜀香客户台账.csv')
  writeFileSync(csvPath, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV, 'utf8')]))
  app = await openApp()
})

afterAll(async () => {
  await app?.close()
  if (dir) rmSync(dir, { recursive: true, force: true })
})

async function saved(d: Download): Promise<Buffer> {
  const p = join(dir, d.suggestedFilename())
  await d.saveAs(p)
  return readFileSync(p)
}

const text = (test: string) => app.page.locator(`[data-test="${test}"]`).first().textContent()

describe('import a ledger', () => {
  test('upload: the file is sniffed, its sheet preselected, its columns guessed', async () => {
    const { page } = app
    await go(app, '/imports')
    await page.locator('[data-test="import-wizard"]').waitFor()
    await page.locator('[data-test="import-file"]').setInputFiles(csvPath)
    await page.locator('[data-test="import-opened"]').waitFor()
    expect(await text('import-file-name')).toBe('蜀香客户台账.csv')
    expect((await text('import-format'))?.toLowerCase()).toContain('csv')
    await page.locator('[data-test="import-next-mapping"]').click()
    await page.locator('[data-test="step-mapping"]').waitFor()
    expect(await text('import-titles')).toContain('蜀香酒业客户台账')
    expect(await page.locator('[data-test="map-header"]').allTextContents()).toEqual(['姓名', '手机号', '生日', '积分'])
    const mapped = await Promise.all([0, 1, 2, 3].map((i) => page.locator(`[data-test="map-field-${i}"]`).innerText()))
    expect(mapped.map((s) => s.trim())).toEqual(['姓名', '手机号', '生日', '剩余积分'])
    expect(await text('map-origin-0')).toBe('自动识别')
    // The 合计 row is marked as skipped; the bad phone is highlighted with its reason on hover.
    await expect.poll(() => page.locator('[data-test="row-subtotal"]').count()).toBe(1)
    const bad = page.locator('[data-test="preview-row-5"] [data-test="cell-5-1"]')
    expect(await bad.getAttribute('class')).toMatch(/jk-cell-(error|warning)/)
    expect(await bad.getAttribute('title')).not.toBe('')
  })

  test('dry run: the full summary, nothing imported yet', async () => {
    const { page } = app
    await page.locator('[data-test="import-next-policy"]').click()
    await page.locator('[data-test="step-policy"]').waitFor()
    expect(await page.locator('[data-test^="policy-"]').count()).toBe(4)
    await page.locator('[data-test="import-dry-run"]').click()
    await page.locator('[data-test="dry-summary"]').waitFor()
    expect(await text('dry-read')).toBe('5')
    expect(await text('dry-created')).toBe('4')
    expect(await text('dry-failed')).toBe('1')
    // The one failure names its row: 王建国's ten-digit phone, on line 5 of the file.
    expect(await text('dry-failed-by')).toBe('失败原因：手机号无效：第 5 行')
    expect(await text('dry-subtotals')).toContain('8')
  })

  test('import: progress, then the summary and the error report', async () => {
    const { page } = app
    await page.locator('[data-test="import-start"]').click()
    await page.locator('[data-test="step-done"]').waitFor()
    expect(await text('result-created')).toBe('4')
    expect(await text('result-failed')).toBe('1')
    expect(await text('import-result-line')).toContain('新建 4')
    const [d] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="result-error-report"]').click()])
    expect(d.suggestedFilename()).toMatch(/\.xlsx$/)
    const bytes = await saved(d)
    expect(bytes.subarray(0, 2).toString()).toBe('PK')
  })

  test('the customers are in the list; the list exports with its row count', async () => {
    const { page } = app
    await go(app, '/customers')
    await expect.poll(() => page.locator('[data-test="cell-name"]').allTextContents()).toHaveLength(4)
    const names = await page.locator('[data-test="cell-name"]').allTextContents()
    expect(names.map((s) => s.trim()).sort()).toEqual(['孙明', '张志强', '李秀英', '赵丽华'].sort())
    const [d] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-customers"]').click()])
    expect(d.suggestedFilename()).toMatch(/\.xlsx$/)
    expect(await text('export-customers-result')).toContain('4 行')
  })

  test('导入记录: the batch, its error report, and undo', async () => {
    const { page } = app
    await go(app, '/imports?tab=history')
    const row = page.locator('[data-test="history-table"] .el-table__row').first()
    await row.waitFor()
    expect(await row.locator('[data-test="batch-file"]').textContent()).toBe('蜀香客户台账.csv')
    const [d] = await Promise.all([page.waitForEvent('download'), row.locator('[data-test="batch-report"]').click()])
    expect(d.suggestedFilename()).toMatch(/\.xlsx$/)
    await row.locator('[data-test="batch-undo"]').click()
    const confirm = page.locator('.jk-undo-confirm')
    await confirm.waitFor()
    await confirm.locator('.el-button--primary').click()
    await page.locator('.jk-undo-done').waitFor()
    await expect.poll(() => row.locator('[data-test="batch-status"]').textContent()).toContain('撤销')
    expect(await row.locator('[data-test="batch-undo"]').count()).toBe(0)
    await go(app, '/customers')
    await page.locator('[data-test="list-empty"]').waitFor()
  })

  test('the template and the purchases export download', async () => {
    const { page } = app
    await go(app, '/imports')
    const [d] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="import-template"]').click()])
    expect(d.suggestedFilename()).toBe('客户导入模板.xlsx')
    await go(app, '/imports?tab=export')
    const [p] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="export-purchases"]').click()])
    expect(p.suggestedFilename()).toMatch(/\.xlsx$/)
    expect(await text('export-purchases-result')).toContain('0 行')
    expect(app.pageErrors).toEqual([])
  })
})
