import { describe, expect, test } from 'vitest'
import { bytesToBase64, count, fileTooBig, newJobId, progressPercent, progressText, readFileBase64, reasonsText, sizeText, summaryText, type Translate } from './imports'
import zh from '@/i18n/imports.zh-CN'

// A translator over the Chinese import messages, as vue-i18n would render them.
const t: Translate = (key, params = {}) => {
  const msg = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], zh) as string
  if (typeof msg !== 'string') throw new Error('missing ' + key)
  return msg.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k]))
}

describe('base64', () => {
  test('bytes encode as btoa would, also past one chunk', () => {
    expect(bytesToBase64(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe('77u/QQ==')
    const big = new Uint8Array(100_001).map((_, i) => i % 251)
    const b64 = bytesToBase64(big)
    expect(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))).toEqual(big)
  })
  test('a file is read whole, UTF-8 with BOM kept', async () => {
    const file = new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), '姓名'])
    expect(await readFileBase64(file)).toBe(bytesToBase64(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('姓名')])))
  })
  test('the size limit', () => {
    expect(fileTooBig(50 * 1024 * 1024, 50)).toBe(false)
    expect(fileTooBig(50 * 1024 * 1024 + 1, 50)).toBe(true)
    expect(fileTooBig(10, 0)).toBe(false)
  })
})

describe('progress', () => {
  test('counts with thousands separators', () => {
    expect(count(100000)).toBe('100,000')
    expect(progressText({ phase: 'importing', done: 3200, total: 100000 }, t)).toBe('已处理 3,200 / 100,000')
    expect(progressText(null, t)).toBe('正在准备…')
    expect(progressText({ phase: 'finishing', done: 5, total: 5 }, t)).toBe('正在写入数据库…')
  })
  test('percent', () => {
    expect(progressPercent({ phase: 'importing', done: 3200, total: 100000 })).toBe(3)
    expect(progressPercent({ phase: 'importing', done: 0, total: 0, percent: 40 })).toBe(40)
    expect(progressPercent({ phase: 'done', done: 1, total: 1 })).toBe(100)
    expect(progressPercent(null)).toBe(0)
  })
})

describe('summary', () => {
  const s = { read: 5, created: 4, updated: 0, merged: 0, skipped: 0, failed: 1 }
  test('one line', () => {
    expect(summaryText(s, t)).toBe('共读取 5 行：新建 4，更新 0，合并 0，跳过 0，失败 1')
    expect(summaryText(s, t, true)).toBe('试运行：共读取 5 行，将会 新建 4，更新 0，合并 0，跳过 0，失败 1')
  })
  test('reasons', () => {
    expect(reasonsText([{ reason: '手机号不对', count: 2 }, { reason: '姓名为空', count: 1 }], t)).toBe('手机号不对 2 行；姓名为空 1 行')
    expect(reasonsText(null, t)).toBe('')
  })
  test('reasons name their rows, the first few and how many in all', () => {
    expect(reasonsText([{ reason: '生日无法识别', count: 1, rows: [7] }], t)).toBe('生日无法识别：第 7 行')
    expect(reasonsText([{ reason: '生日晚于今天', count: 2, rows: [7, 9] }, { reason: '手机号无效', count: 37, rows: [3, 5, 8, 12, 20] }], t)).toBe(
      '生日晚于今天：第 7、9 行；手机号无效：第 3、5、8、12、20 行等 37 行',
    )
    expect(reasonsText([{ reason: '姓名为空', count: 3, rows: [1004, 1005, 2000] }], t)).toBe('姓名为空：第 1004、1005、2000 行')
  })
  test('job ids differ; sizes read well', () => {
    expect(newJobId()).not.toBe(newJobId())
    expect(sizeText(512)).toBe('512 B')
    expect(sizeText(2048)).toBe('2.0 KB')
  })
})
