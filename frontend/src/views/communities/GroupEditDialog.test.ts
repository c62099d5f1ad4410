import { expect, test, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCN from '@/i18n/zh-CN'
import GroupEditDialog from './GroupEditDialog.vue'

const save = vi.fn()
vi.mock('@/api/communities', async (real) => ({ ...(await real<typeof import('@/api/communities')>()), save: (g: unknown) => save(g) }))

test('saving a 社群 without a name asks for the name instead of repeating the placeholder, and saves nothing', async () => {
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
  const w = mount(GroupEditDialog, {
    props: { modelValue: true, group: null },
    global: { plugins: [i18n, ElementPlus, createPinia()] },
    attachTo: document.body,
  })
  await flushPromises()
  ;(document.querySelector('[data-test="group-save"]') as HTMLElement).click()
  await flushPromises()
  // The form item shows its error prop under the field (Element Plus renders it inside a transition).
  const field = w.findAllComponents({ name: 'ElFormItem' }).find((f) => f.attributes('data-test') === 'group-field-name')!
  expect(field.classes()).toContain('is-error')
  expect(field.props('error')).toBe('请填写群名称')
  expect(save).not.toHaveBeenCalled()
  w.unmount()
})
