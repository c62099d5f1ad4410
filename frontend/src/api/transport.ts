// The only module (with events.ts) that touches window.go. Inside the Wails window the bindings are
// injected by Wails; in a browser /jiuke/bridge.js defines the same shape over HTTP. Either way each
// method takes positional arguments in Go parameter order and returns a Promise.

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

/** call invokes window.go.app.<service>.<method>(...args) and throws ApiError on any failure. */
export async function call<T>(service: string, method: string, ...args: unknown[]): Promise<T> {
  const fn = (window as unknown as GoWindow).go?.app?.[service]?.[method]
  if (typeof fn !== 'function') {
    throw new ApiError('internal', NO_BRIDGE_MESSAGE)
  }
  try {
    return (await fn(...args)) as T
  } catch (e) {
    throw toApiError(e)
  }
}
