// The only module (with events.ts) that touches window.go. Inside the Wails window the bindings are
// injected by Wails; in a browser /jiuke/bridge.js defines the same shape over HTTP. Either way each
// method takes positional arguments in Go parameter order and returns a Promise.
import type { App } from 'vue'

export type ErrorCode = 'invalid' | 'not_found' | 'conflict' | 'forbidden' | 'internal'

const CODES: readonly ErrorCode[] = ['invalid', 'not_found', 'conflict', 'forbidden', 'internal']

/** Chinese message shown when the failure carries no message of its own. */
export const FALLBACK_MESSAGE = '系统内部错误，请重试或联系管理员'
export const NO_BRIDGE_MESSAGE = '无法连接到酒客通服务，请确认程序仍在运行'

/** ApiError is every failed call, whatever shape the transport rejected with. */
export class ApiError extends Error {
  readonly code: ErrorCode
  /** The form field the error is about (Go json name, e.g. "mobile"), or "". */
  readonly field: string
  /** Related records, e.g. {customerId, name} of the customer a duplicate mobile belongs to. */
  readonly data: unknown
  /** Set once the default error message has dealt with it, so it is shown at most once. */
  reported = false

  constructor(code: ErrorCode, message: string, field = '', data: unknown = undefined) {
    super(message || FALLBACK_MESSAGE)
    this.name = 'ApiError'
    this.code = code
    this.field = field
    this.data = data
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function fromPayload(p: Record<string, unknown>): ApiError | null {
  if (typeof p.code !== 'string' && typeof p.message !== 'string') return null
  const code = CODES.includes(p.code as ErrorCode) ? (p.code as ErrorCode) : 'internal'
  const message = typeof p.message === 'string' && p.message ? p.message : FALLBACK_MESSAGE
  const field = typeof p.field === 'string' ? p.field : ''
  return new ApiError(code, message, field, p.data ?? undefined)
}

/**
 * toApiError normalises what a binding may reject with: the {code, message, field?, data?} object
 * (bridge.js), that object as a JSON string (Wails' ErrorFormatter), a plain string (Wails, for errors
 * outside our formatter), or a thrown Error (network, missing binding).
 */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e
  if (isRecord(e) && !(e instanceof Error)) {
    const p = fromPayload(e)
    if (p) return p
  }
  if (typeof e === 'string') {
    const s = e.trim()
    if (s.startsWith('{')) {
      try {
        const v: unknown = JSON.parse(s)
        if (isRecord(v)) {
          const p = fromPayload(v)
          if (p) return p
        }
      } catch {
        // not JSON: fall through to a plain message
      }
    }
    return new ApiError('internal', s || FALLBACK_MESSAGE)
  }
  if (e instanceof Error) {
    return new ApiError('internal', e.message || FALLBACK_MESSAGE)
  }
  return new ApiError('internal', FALLBACK_MESSAGE)
}

type Binding = (...args: unknown[]) => Promise<unknown>

interface GoWindow {
  go?: { app?: Record<string, Record<string, Binding> | undefined> }
}

/** A refusal because nobody is signed in here or the seat is locked: Go's data {signIn: true}. */
export function needsSignIn(e: ApiError): boolean {
  return e.code === 'forbidden' && isRecord(e.data) && e.data.signIn === true
}

/** A clerk's call that a manager must approve on the spot: Go's data {needsApproval: true}. */
export function needsApproval(e: ApiError): boolean {
  return e.code === 'forbidden' && isRecord(e.data) && e.data.needsApproval === true
}

export const APPROVAL_CANCELLED_MESSAGE = '没有店长授权，操作未执行'

/**
 * CallHooks let the app react to refusals without the transport knowing about screens: App.vue
 * registers them (sign-in screen, the manager's PIN dialog).
 */
export interface CallHooks {
  /** Called when a call was refused for want of sign-in; the call still rejects. */
  signInRequired?: (e: ApiError) => void
  /**
   * Called when a clerk's call needs a manager's PIN. Resolve true once Auth.Approve succeeded: the
   * call is then retried once. Resolve false (cancelled) and the call rejects.
   */
  approvalRequired?: (e: ApiError, what: { service: string; method: string }) => Promise<boolean>
  /** Shows a failed call that no page handled: the app's one default error message. */
  showError?: (e: ApiError) => void
}

let hooks: CallHooks = {}

/** setCallHooks replaces the registered hooks (pass {} to remove them). */
export function setCallHooks(h: CallHooks) {
  hooks = h
}

async function invoke<T>(service: string, method: string, args: unknown[]): Promise<T> {
  const fn = (window as unknown as GoWindow).go?.app?.[service]?.[method]
  if (typeof fn !== 'function') {
    throw new ApiError('internal', NO_BRIDGE_MESSAGE)
  }
  try {
    return (await fn(...args)) as T
  } catch (e) {
    const err = toApiError(e)
    if (needsSignIn(err)) hooks.signInRequired?.(err)
    throw err
  }
}

/**
 * call invokes window.go.app.<service>.<method>(...args) and throws ApiError on any failure. A call a
 * clerk may only make with a manager's approval asks the approval hook and is retried once.
 */
export async function call<T>(service: string, method: string, ...args: unknown[]): Promise<T> {
  try {
    return await invoke<T>(service, method, args)
  } catch (e) {
    const err = e as ApiError
    if (!needsApproval(err) || !hooks.approvalRequired) throw err
    let approved = false
    try {
      approved = await hooks.approvalRequired(err, { service, method })
    } catch {
      approved = false
    }
    if (!approved) {
      throw new ApiError('forbidden', APPROVAL_CANCELLED_MESSAGE, '', { ...(err.data as object), cancelled: true })
    }
    return await invoke<T>(service, method, args)
  }
}

/**
 * reportUnhandled is the default for a failed call that no page handled. A page that shows an error
 * inline (under a field, in an alert) catches it; one that has nothing better to say lets the error
 * go, and the app's error handler or the browser's unhandledrejection event bring it here, where it
 * is shown once through the showError hook. A sign-in refusal shows nothing: the sign-in screen is
 * already covering the page. Returns false for anything that is not a failed call.
 */
export function reportUnhandled(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false
  if (e.reported) return true
  e.reported = true
  if (!needsSignIn(e)) hooks.showError?.(e)
  return true
}

/**
 * installErrorDefault routes errors that escape Vue handlers, hooks and watchers, and promise
 * rejections nobody awaited, to reportUnhandled. Other errors go on to the previous handler (or the
 * console) as before.
 */
export function installErrorDefault(app: App, target: Window = window): void {
  const previous = app.config.errorHandler
  app.config.errorHandler = (err, instance, info) => {
    if (reportUnhandled(err)) return
    if (previous) previous(err, instance, info)
    else console.error(err)
  }
  target.addEventListener('unhandledrejection', (ev) => {
    if (reportUnhandled(ev.reason)) ev.preventDefault()
  })
}
