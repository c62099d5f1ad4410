import { expect, test, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import { createPinia } from 'pinia'
import ElementPlus from 'element-plus'
import zhCN from '@/i18n/zh-CN'
import { emptyInput } from '@/api/customers'
import CustomerForm from './CustomerForm.vue'

const update = vi.fn()
vi.mock('@/api/customers', async (real) => ({
  ...(await real<typeof import('@/api/customers')>()),
  update: (id: number, input: unknown) => update(id, input),
  possibleDuplicates: () => Promise.resolve([]),
}))

function mountForm(mobile: string) {
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
  return mount(CustomerForm, {
    props: { initial: { ...emptyInput(), name: '张三', mobile }, customerId: 5 },
    global: { plugins: [i18n, ElementPlus, createPinia()] },
    attachTo: document.body,
  })
}

// A clerk's edit form opens with the number masked: saving it unchanged must not be refused by the
// form's own mobile check (Go keeps the stored number); a changed, still masked one is refused.
test('a clerk saves the edit form with the masked mobile it was shown', async () => {
  update.mockResolvedValue({ id: 5 })
  const w = mountForm('138****8000')
  await flushPromises()
  await w.find('[data-test="form-save"]').trigger('click')
  await flushPromises()
  expect(update).toHaveBeenCalledWith(5, expect.objectContaining({ mobile: '138****8000' }))
  w.unmount()
})

test('a masked number the clerk edited is still checked', async () => {
  update.mockClear()
  const w = mountForm('138****8000')
  await flushPromises()
  await w.find('[data-test="field-mobile"] input').setValue('139****8000')
  await w.find('[data-test="form-save"]').trigger('click')
  await flushPromises()
  expect(update).not.toHaveBeenCalled()
  w.unmount()
})
