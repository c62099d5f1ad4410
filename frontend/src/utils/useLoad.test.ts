import { expect, test } from 'vitest'
import { useLoad } from './useLoad'

test('the data arrives and loading ends', async () => {
  const l = useLoad(async () => [1, 2], [] as number[])
  const p = l.load()
  expect(l.loading.value).toBe(true)
  await p
  expect(l.data.value).toEqual([1, 2])
  expect(l.loading.value).toBe(false)
})

test('a refusal shows its Chinese message and keeps what was shown', async () => {
  let fail = false
  const l = useLoad(async () => {
    if (fail) throw { code: 'not_found', message: '客户不存在' }
    return 'ok'
  }, '')
  await l.load()
  fail = true
  await l.load()
  expect(l.error.value).toBe('客户不存在')
  expect(l.data.value).toBe('ok')
})

test('a slow earlier answer never overwrites a newer one', async () => {
  const answers: ((v: string) => void)[] = []
  const l = useLoad(() => new Promise<string>((resolve) => answers.push(resolve)), '')
  const first = l.load()
  const second = l.load()
  answers[1]('new')
  await second
  answers[0]('old')
  await first
  expect(l.data.value).toBe('new')
  expect(l.loading.value).toBe(false)
})
