import { afterEach, expect, test } from 'vitest'
import { defineComponent, h } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter, type LocationQuery } from 'vue-router'
import { useRouteList } from './useRouteList'

interface Q { page: number; pageSize: number; city: string }
interface P { items: string[]; total: number }

const parse = (query: LocationQuery): Q => ({
  page: Number(query.page ?? 1),
  pageSize: 2,
  city: String(query.city ?? ''),
})

// A list of five rows (two per page) that can lose rows between requests.
async function setup(fetch: (q: Q) => Promise<P>, start = '/list') {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/list', name: 'list', component: { render: () => null } },
      { path: '/other', name: 'other', component: { render: () => null } },
    ],
  })
  await router.push(start)
  let api!: ReturnType<typeof useRouteList<Q, P>>
  const Host = defineComponent({
    setup() {
      api = useRouteList<Q, P>({
        name: 'list',
        parse,
        format: (q) => ({ page: String(q.page), city: q.city || undefined }),
        fetch,
      })
      return () => h('div')
    },
  })
  const wrapper = mount(Host, { global: { plugins: [router] } })
  await flushPromises()
  return { router, api, wrapper }
}

let rows = ['a', 'b', 'c', 'd', 'e']
const asked: Q[] = []
const fetchRows = async (q: Q): Promise<P> => {
  asked.push(q)
  return { items: rows.slice((q.page - 1) * 2, q.page * 2), total: rows.length }
}

afterEach(() => {
  rows = ['a', 'b', 'c', 'd', 'e']
  asked.length = 0
})

test('the query in the URL is what is fetched, and a filter change goes back to page 1', async () => {
  const { router, api } = await setup(fetchRows, '/list?page=2')
  expect(api.page.value?.items).toEqual(['c', 'd'])
  api.change({ city: '成都' })
  await flushPromises()
  expect(router.currentRoute.value.query).toEqual({ page: '1', city: '成都' })
  expect(asked.at(-1)).toEqual({ page: 1, pageSize: 2, city: '成都' })
  api.change({ page: 3 })
  await flushPromises()
  expect(api.page.value?.items).toEqual(['e'])
})

test('a page past the end moves to the last page that exists', async () => {
  rows = ['a', 'b', 'c']
  const { router, api } = await setup(fetchRows, '/list?page=5')
  expect(router.currentRoute.value.query.page).toBe('2')
  expect(api.page.value?.items).toEqual(['c'])
})

test('leaving the page stops loading; a refusal shows its Chinese message', async () => {
  let fail = false
  const { router, api } = await setup(async (q) => {
    if (fail) throw { code: 'forbidden', message: '没有权限查看' }
    return fetchRows(q)
  })
  const before = asked.length
  await router.push('/other?page=9')
  await flushPromises()
  expect(asked.length).toBe(before)
  fail = true
  await router.push('/list?page=2')
  await flushPromises()
  expect(api.error.value).toBe('没有权限查看')
  expect(api.loading.value).toBe(false)
})

test('a slow earlier answer never overwrites a newer one', async () => {
  const waiting: ((p: P) => void)[] = []
  const { api } = await setup((q) => new Promise<P>((resolve) => waiting.push(() => resolve({ items: [q.city], total: 1 }))))
  api.change({ city: '旧' })
  await flushPromises()
  api.change({ city: '新' })
  await flushPromises()
  waiting.at(-1)!({ items: [], total: 0 })
  await flushPromises()
  waiting.at(-2)!({ items: [], total: 0 })
  await flushPromises()
  expect(api.page.value?.items).toEqual(['新'])
})
