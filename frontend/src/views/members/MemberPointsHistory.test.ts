import { expect, test, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createI18n } from 'vue-i18n'
import ElementPlus from 'element-plus'
import zhCN from '@/i18n/zh-CN'
import type { Entry } from '@/api/points'
import MemberPointsHistory from './MemberPointsHistory.vue'

const history = vi.fn<(customerId: number, beforeId?: number) => Promise<Entry[]>>()
vi.mock('@/api/points', () => ({ LIST_PAGE: 100, history: (c: number, b?: number) => history(c, b) }))

const entry = (id: number): Entry => ({ id, customerId: 7, kind: 'earn', points: 10, expiresOn: '', reason: '消费', refType: '', refId: 0,
  staffName: '', createdAt: '2026-11-23T02:00:00Z', remaining: 10 } as Entry)

test('a later page that fails keeps the lines shown, says why, and can be asked again', async () => {
  history.mockResolvedValueOnce(Array.from({ length: 100 }, (_, i) => entry(300 - i)))
  history.mockRejectedValueOnce({ code: 'internal', message: '读取积分明细失败，请重试' })
  history.mockResolvedValueOnce([entry(150)])
  const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
  const w = mount(MemberPointsHistory, { props: { customerId: 7, version: 0 }, global: { plugins: [i18n, ElementPlus] } })
  await flushPromises()
  expect(w.findAll('[data-test="entry-points"]')).toHaveLength(100)

  await w.find('[data-test="list-more"]').trigger('click')
  await flushPromises()
  expect(history).toHaveBeenLastCalledWith(7, 201)
  expect(w.text()).toContain('读取积分明细失败，请重试')
  expect(w.findAll('[data-test="entry-points"]')).toHaveLength(100)

  await w.find('[data-test="list-more"]').trigger('click')
  await flushPromises()
  expect(w.findAll('[data-test="entry-points"]')).toHaveLength(101)
  expect(w.find('[data-test="list-all-shown"]').text()).toBe('已全部显示（101 条）')
})
