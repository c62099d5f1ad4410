import { expect, test, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ElementPlus from 'element-plus'
import zhCN from '@/i18n/zh-CN'
import importsZh from '@/i18n/imports.zh-CN'
import { mergeMessages } from '@/i18n'
import ImportWizard from './ImportWizard.vue'

const openUpload = vi.fn()
vi.mock('@/api/sheets', async (real) => ({
  ...(await real<typeof import('@/api/sheets')>()),
  importOptions: () => Promise.resolve({ fields: [], policies: [], maxFileMb: 30 }),
  onProgress: () => () => {},
  openUpload: (name: string, content: string) => openUpload(name, content),
  closeFile: () => Promise.resolve(),
  cancelImport: () => Promise.resolve(),
}))

test('the size limit shown and checked before uploading is the server’s', async () => {
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': mergeMessages(zhCN, importsZh) } })
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div />' } }] })
  const w = mount(ImportWizard, { global: { plugins: [i18n, ElementPlus, createPinia(), router] } })
  await flushPromises()
  expect(w.get('[data-test="import-limit"]').text()).toContain('最大 30 MB')

  const file = new File(['x'], '台账.csv')
  Object.defineProperty(file, 'size', { value: 30 * 1024 * 1024 + 1 })
  const input = w.get('[data-test="import-file"]')
  Object.defineProperty(input.element, 'files', { value: [file] })
  await input.trigger('change')
  await flushPromises()
  expect(w.text()).toContain('文件超过 30 MB')
  expect(openUpload).not.toHaveBeenCalled()
  w.unmount()
})
