import { afterEach, describe, expect, test } from 'vitest'
import { ApiError, call, toApiError } from './transport'

describe('toApiError normalises every shape a binding may reject with', () => {
  test('the payload object from bridge.js', () => {
    const e = toApiError({ code: 'conflict', message: '手机号 13800138000 已属于客户「张三」', field: 'mobile', data: { customerId: 7, name: '张三' } })
    expect(e).toBeInstanceOf(ApiError)
    expect(e.code).toBe('conflict')
    expect(e.field).toBe('mobile')
    expect(e.message).toBe('手机号 13800138000 已属于客户「张三」')
    expect(e.data).toEqual({ customerId: 7, name: '张三' })
  })

  test('the payload as a JSON string (Wails error formatter)', () => {
    const e = toApiError('{"code":"invalid","message":"请填写姓名","field":"name"}')
    expect(e.code).toBe('invalid')
    expect(e.field).toBe('name')
    expect(e.message).toBe('请填写姓名')
  })

  test('a plain string becomes an internal error carrying that text', () => {
    const e = toApiError('database is locked')
    expect(e.code).toBe('internal')
    expect(e.field).toBe('')
    expect(e.message).toBe('database is locked')
  })

  test('a string that only looks like JSON stays a message', () => {
    expect(toApiError('{oops').message).toBe('{oops')
  })

  test('an unknown code counts as internal; a missing message gets a Chinese one', () => {
    const e = toApiError({ code: 'teapot' })
    expect(e.code).toBe('internal')
    expect(e.message).toBe('系统内部错误，请重试或联系管理员')
  })

  test('a thrown Error keeps its message', () => {
    const e = toApiError(new TypeError('Failed to fetch'))
    expect(e.code).toBe('internal')
    expect(e.message).toBe('Failed to fetch')
  })

  test('anything else still becomes an ApiError', () => {
    expect(toApiError(undefined).code).toBe('internal')
    expect(toApiError(42).message).toBe('系统内部错误，请重试或联系管理员')
  })
})

describe('call', () => {
  const w = window as unknown as { go?: unknown }
  afterEach(() => {
    delete w.go
  })

  test('passes positional arguments and returns the result', async () => {
    let seen: unknown[] = []
    w.go = { app: { Customers: { Update: (...args: unknown[]) => ((seen = args), Promise.resolve({ id: 3 })) } } }
    await expect(call('Customers', 'Update', 3, { name: '张三' })).resolves.toEqual({ id: 3 })
    expect(seen).toEqual([3, { name: '张三' }])
  })

  test('a rejection arrives as ApiError, whatever its shape', async () => {
    w.go = { app: { Customers: { Get: () => Promise.reject('{"code":"not_found","message":"客户 #9 不存在"}') } } }
    const err = await call('Customers', 'Get', 9).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).code).toBe('not_found')
    expect((err as ApiError).message).toBe('客户 #9 不存在')
  })

  test('without a bridge the clerk is told the service is unreachable', async () => {
    const err = await call('System', 'Info').catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).message).toContain('无法连接到酒客通服务')
  })
})
