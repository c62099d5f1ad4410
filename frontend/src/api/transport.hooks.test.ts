import { afterEach, describe, expect, test, vi } from 'vitest'
import { ApiError, APPROVAL_CANCELLED_MESSAGE, call, needsApproval, needsSignIn, setCallHooks } from './transport'

const w = window as unknown as { go?: unknown }

const approvalRefusal = { code: 'forbidden', message: '此操作需要店长授权', data: { needsApproval: true } }
const signInRefusal = { code: 'forbidden', message: '已锁定，请重新输入PIN或密码', data: { signIn: true } }

afterEach(() => {
  delete w.go
  setCallHooks({})
})

describe('refusals are recognised by their data', () => {
  test('signIn and needsApproval', () => {
    expect(needsSignIn(new ApiError('forbidden', 'x', '', { signIn: true }))).toBe(true)
    expect(needsSignIn(new ApiError('forbidden', 'x'))).toBe(false)
    expect(needsSignIn(new ApiError('invalid', 'x', '', { signIn: true }))).toBe(false)
    expect(needsApproval(new ApiError('forbidden', 'x', '', { needsApproval: true }))).toBe(true)
    expect(needsApproval(new ApiError('forbidden', '只有老板可以进行此操作'))).toBe(false)
  })
})

describe('call with hooks', () => {
  test('a call needing approval asks the hook and is retried once when approved', async () => {
    let tries = 0
    const archive = vi.fn((...args: unknown[]) => (++tries === 1 ? Promise.reject(approvalRefusal) : Promise.resolve({ id: args[0], archived: true })))
    w.go = { app: { Customers: { Archive: archive } } }
    const approvalRequired = vi.fn(() => Promise.resolve(true))
    setCallHooks({ approvalRequired })
    await expect(call('Customers', 'Archive', 7, '搬走了')).resolves.toEqual({ id: 7, archived: true })
    expect(approvalRequired).toHaveBeenCalledTimes(1)
    expect(approvalRequired.mock.calls[0]).toEqual([expect.any(ApiError), { service: 'Customers', method: 'Archive' }])
    expect(archive).toHaveBeenCalledTimes(2)
    expect(archive.mock.calls[1]).toEqual([7, '搬走了'])
  })

  test('only once: a second refusal after approval rejects without asking again', async () => {
    const merge = vi.fn(() => Promise.reject(approvalRefusal))
    w.go = { app: { Customers: { Merge: merge } } }
    const approvalRequired = vi.fn(() => Promise.resolve(true))
    setCallHooks({ approvalRequired })
    const err = await call('Customers', 'Merge', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect((err as ApiError).message).toBe('此操作需要店长授权')
    expect(approvalRequired).toHaveBeenCalledTimes(1)
    expect(merge).toHaveBeenCalledTimes(2)
  })

  test('cancelling the approval rejects with a clear message and does not retry', async () => {
    const merge = vi.fn(() => Promise.reject(approvalRefusal))
    w.go = { app: { Customers: { Merge: merge } } }
    setCallHooks({ approvalRequired: () => Promise.resolve(false) })
    const err = (await call('Customers', 'Merge', {}).catch((e: unknown) => e)) as ApiError
    expect(err.code).toBe('forbidden')
    expect(err.message).toBe(APPROVAL_CANCELLED_MESSAGE)
    expect(err.data).toMatchObject({ needsApproval: true, cancelled: true })
    expect(merge).toHaveBeenCalledTimes(1)
  })

  test('without an approval hook the refusal passes through', async () => {
    w.go = { app: { Customers: { Merge: () => Promise.reject(approvalRefusal) } } }
    const err = (await call('Customers', 'Merge', {}).catch((e: unknown) => e)) as ApiError
    expect(err.message).toBe('此操作需要店长授权')
  })

  test('a refusal for want of sign-in tells the hook and still rejects', async () => {
    w.go = { app: { Customers: { List: () => Promise.reject(JSON.stringify(signInRefusal)) } } }
    const signInRequired = vi.fn()
    setCallHooks({ signInRequired })
    const err = (await call('Customers', 'List', {}).catch((e: unknown) => e)) as ApiError
    expect(err.message).toBe('已锁定，请重新输入PIN或密码')
    expect(signInRequired).toHaveBeenCalledWith(err)
  })

  test('other errors reach neither hook', async () => {
    w.go = { app: { Staff: { List: () => Promise.reject({ code: 'forbidden', message: '只有老板可以进行此操作' }) } } }
    const signInRequired = vi.fn()
    const approvalRequired = vi.fn(() => Promise.resolve(true))
    setCallHooks({ signInRequired, approvalRequired })
    await expect(call('Staff', 'List')).rejects.toThrow('只有老板可以进行此操作')
    expect(signInRequired).not.toHaveBeenCalled()
    expect(approvalRequired).not.toHaveBeenCalled()
  })
})

describe('the default error message', () => {
  test('a failed call no page handles is shown once; a handled one, a sign-in refusal and other errors are not', async () => {
    const { createApp, defineComponent, h, onMounted, nextTick } = await import('vue')
    const { installErrorDefault } = await import('./transport')
    w.go = { app: { Tags: { Remove: () => Promise.reject({ code: 'conflict', message: '标签正在被客群使用' }) }, Auth: { Status: () => Promise.reject(signInRefusal) } } }
    const showError = vi.fn()
    setCallHooks({ showError, signInRequired: () => {} })
    const target = new EventTarget() as unknown as Window
    const previous = vi.fn()
    const Page = defineComponent({
      setup() {
        onMounted(async () => {
          // handled: the page shows it inline
          try {
            await call('Tags', 'Remove', 1)
          } catch {
            // shown beside the tag
          }
          await call('Tags', 'Remove', 2) // not handled: the default shows it
        })
        return () => h('div')
      },
    })
    const app = createApp(Page)
    app.config.errorHandler = previous
    installErrorDefault(app, target)
    app.mount(document.createElement('div'))
    await vi.waitFor(() => expect(showError).toHaveBeenCalledTimes(1))
    expect(showError.mock.calls[0][0].message).toBe('标签正在被客群使用')

    // the same error reaching the handler again (rethrown) is not shown twice
    const err = showError.mock.calls[0][0] as ApiError
    app.config.errorHandler!(err, null, 'rethrown')
    expect(showError).toHaveBeenCalledTimes(1)

    // a rejection nobody awaited reaches the default through unhandledrejection
    const unawaited = await call('Tags', 'Remove', 3).catch((e) => e as ApiError)
    const ev = Object.assign(new Event('unhandledrejection', { cancelable: true }), { reason: unawaited })
    target.dispatchEvent(ev)
    expect(showError).toHaveBeenCalledTimes(2)
    expect(ev.defaultPrevented).toBe(true)

    // a sign-in refusal: the sign-in screen covers the page, no message
    const locked = await call('Auth', 'Status').catch((e) => e as ApiError)
    app.config.errorHandler!(locked, null, 'x')
    expect(showError).toHaveBeenCalledTimes(2)

    // a bug that is not a failed call goes on to the previous handler
    const bug = new TypeError('x is undefined')
    app.config.errorHandler!(bug, null, 'render')
    expect(previous).toHaveBeenCalledWith(bug, null, 'render')
    expect(showError).toHaveBeenCalledTimes(2)
    await nextTick()
    app.unmount()
  })
})
