import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { RouteLocationNormalized } from 'vue-router'
import { authGuard, safeRedirect } from './guard'

const warning = vi.hoisted(() => vi.fn())
vi.mock('element-plus', () => ({ ElMessage: { warning } }))

const w = window as unknown as { go?: unknown }
const owner = { id: 1, name: '王老板', role: 'owner', active: true, secretKind: 'password' }
const clerk = { id: 3, name: '小张', role: 'clerk', active: true, secretKind: 'pin' }

function status(over: Record<string, unknown>) {
  return { needsSetup: false, signedIn: false, locked: false, actor: { id: 0, name: '', role: '', active: false, secretKind: '' }, staff: [owner, clerk], idleLockMinutes: 15, ...over }
}

function stub(st: unknown) {
  w.go = { app: { Auth: { Status: () => Promise.resolve(st) } } }
}

function to(fullPath: string, extra: Partial<RouteLocationNormalized> = {}): RouteLocationNormalized {
  const [path, qs] = fullPath.split('?')
  const query = Object.fromEntries(new URLSearchParams(qs ?? ''))
  return { fullPath, path, query, name: undefined, meta: {}, params: {}, hash: '', matched: [], redirectedFrom: undefined, ...extra } as RouteLocationNormalized
}

beforeEach(() => setActivePinia(createPinia()))
afterEach(() => {
  delete w.go
})

describe('authGuard', () => {
  test('before setup everything leads to the setup screen', async () => {
    stub(status({ needsSetup: true }))
    expect(await authGuard(to('/customers'))).toEqual({ name: 'setup' })
    expect(await authGuard(to('/signin', { name: 'signin', meta: { public: true } }))).toEqual({ name: 'setup' })
    expect(await authGuard(to('/setup', { name: 'setup', meta: { public: true } }))).toBe(true)
  })

  test('not signed in: the sign-in screen, keeping where to go back', async () => {
    stub(status({}))
    expect(await authGuard(to('/customers/7?tab=followups'))).toEqual({ name: 'signin', query: { redirect: '/customers/7?tab=followups' } })
    expect(await authGuard(to('/'))).toEqual({ name: 'signin', query: {} })
    expect(await authGuard(to('/signin', { name: 'signin', meta: { public: true } }))).toBe(true)
    expect(await authGuard(to('/setup', { name: 'setup', meta: { public: true } }))).toEqual({ name: 'signin' })
  })

  test('locked counts as not signed in', async () => {
    stub(status({ locked: true, actor: owner }))
    expect(await authGuard(to('/audit'))).toEqual({ name: 'signin', query: { redirect: '/audit' } })
  })

  test('signed in: the sign-in screen sends on; owner pages only for the owner', async () => {
    stub(status({ signedIn: true, actor: clerk }))
    expect(await authGuard(to('/signin?redirect=/customers', { name: 'signin', meta: { public: true } }))).toEqual({ path: '/customers' })
    expect(await authGuard(to('/audit', { meta: { roles: ['owner'] } }))).toEqual({ path: '/' })
    expect(await authGuard(to('/customers'))).toBe(true)
  })

  test('a clerk sent away from 报表 is told why', async () => {
    stub(status({ signedIn: true, actor: clerk }))
    warning.mockClear()
    expect(await authGuard(to('/reports', { name: 'reports', meta: { roles: ['owner', 'manager'] } }))).toEqual({ path: '/' })
    expect(warning).toHaveBeenCalledWith('「报表」只有老板和店长可以查看，已回到首页')
    warning.mockClear()
    expect(await authGuard(to('/customers'))).toBe(true)
    expect(warning).not.toHaveBeenCalled()
  })

  test('the owner reaches the owner pages', async () => {
    stub(status({ signedIn: true, actor: owner }))
    expect(await authGuard(to('/staff', { meta: { roles: ['owner'] } }))).toBe(true)
  })

  test('Go unreachable: the guard lets App show the error', async () => {
    w.go = { app: { Auth: { Status: () => Promise.reject({ code: 'internal', message: '无法连接' }) } } }
    expect(await authGuard(to('/customers'))).toBe(true)
  })
})

test('safeRedirect keeps only in-app paths', () => {
  expect(safeRedirect('/customers?page=2')).toBe('/customers?page=2')
  expect(safeRedirect('https://evil.example/')).toBe('/')
  expect(safeRedirect('//evil.example/')).toBe('/')
  expect(safeRedirect('/signin?redirect=/x')).toBe('/')
  expect(safeRedirect(undefined)).toBe('/')
  expect(safeRedirect(['/a', '/b'])).toBe('/a')
})
