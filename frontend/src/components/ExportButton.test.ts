import { afterEach, expect, test, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import ElementPlus from 'element-plus'
import zhCN from '@/i18n/zh-CN'
import importsZh from '@/i18n/imports.zh-CN'
import { mergeMessages } from '@/i18n'
import type { ExportFile } from '@/api/sheets'
import ExportButton from './ExportButton.vue'

const file = (f: Partial<ExportFile>): ExportFile => ({ name: '客户-20261204-1500.xlsx', savedTo: '', cancelled: false, base64: '', rows: 1234, size: 9, ...f })

function mountWith(run: () => Promise<ExportFile>) {
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': mergeMessages(zhCN, importsZh) } })
  return mount(ExportButton, { props: { run, test: 'export-x', inline: true }, global: { plugins: [i18n, ElementPlus] } })
}

afterEach(() => vi.restoreAllMocks())

test('in a browser the file is downloaded under its name and the rows are counted', async () => {
  const created = vi.fn((_: Blob) => 'blob:x')
  URL.createObjectURL = created as unknown as typeof URL.createObjectURL
  URL.revokeObjectURL = vi.fn()
  const clicks: string[] = []
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push(this.download)
  })
  const w = mountWith(async () => file({ base64: btoa('xlsx') }))
  await w.find('[data-test="export-x"]').trigger('click')
  await flushPromises()
  expect(clicks).toEqual(['客户-20261204-1500.xlsx'])
  expect(await (created.mock.calls[0][0] as Blob).text()).toBe('xlsx')
  expect(w.find('[data-test="export-x-result"]').text()).toBe('已导出 1,234 行：客户-20261204-1500.xlsx')
})

test("in the window Go saved the file through its own dialog: nothing is downloaded, the place is shown", async () => {
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click')
  const w = mountWith(async () => file({ savedTo: 'E:\\客户.xlsx', name: '客户.xlsx' }))
  await w.find('[data-test="export-x"]').trigger('click')
  await flushPromises()
  expect(click).not.toHaveBeenCalled()
  expect(w.find('[data-test="export-x-result"]').text()).toBe('已导出 1,234 行，保存到 E:\\客户.xlsx')
})

test('a cancelled save dialog says nothing; a refusal shows the server message', async () => {
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click')
  let w = mountWith(async () => file({ cancelled: true }))
  await w.find('[data-test="export-x"]').trigger('click')
  await flushPromises()
  expect(click).not.toHaveBeenCalled()
  expect(w.find('[data-test="export-x-result"]').exists()).toBe(false)

  w = mountWith(() => Promise.reject({ code: 'forbidden', message: '此操作需要店长授权' }))
  await w.find('[data-test="export-x"]').trigger('click')
  await flushPromises()
  expect(w.find('[data-test="export-x-error"]').text()).toBe('此操作需要店长授权')
})
