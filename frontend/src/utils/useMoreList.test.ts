import { expect, test } from 'vitest'
import { useMoreList } from './useMoreList'

// Seven rows, newest (7) first, served three at a time after the last one shown.
const rows = [7, 6, 5, 4, 3, 2, 1]
const fetchAfter = async (after: number | null) => rows.filter((r) => after === null || r < after).slice(0, 3)

test('加载更多 appends the next page until the last, then offers no more', async () => {
  const l = useMoreList(fetchAfter, 3)
  await l.load()
  expect(l.items.value).toEqual([7, 6, 5])
  expect(l.hasMore.value).toBe(true)
  await l.more()
  await l.more()
  expect(l.items.value).toEqual([7, 6, 5, 4, 3, 2, 1])
  expect(l.hasMore.value).toBe(false)
  // Reloading starts again from the newest.
  await l.load()
  expect(l.items.value).toEqual([7, 6, 5])
})

test('a refusal shows its Chinese message and keeps the rows shown', async () => {
  let fail = false
  const l = useMoreList(async (after: number | null) => {
    if (fail) throw { code: 'internal', message: '读取失败，请重试' }
    return fetchAfter(after)
  }, 3)
  await l.load()
  fail = true
  await l.more()
  expect(l.error.value).toBe('读取失败，请重试')
  expect(l.items.value).toEqual([7, 6, 5])
  expect(l.loading.value).toBe(false)
})

test('a reload wins over a slow page asked for before it', async () => {
  const waiting: (() => void)[] = []
  let calls = 0
  const l = useMoreList((after: number | null) => {
    calls++
    const answer = fetchAfter(after)
    return calls === 2 ? new Promise<number[]>((resolve) => waiting.push(() => void answer.then(resolve))) : answer
  }, 3)
  await l.load()
  const slow = l.more()
  await l.load()
  waiting[0]()
  await slow
  expect(l.items.value).toEqual([7, 6, 5])
})
