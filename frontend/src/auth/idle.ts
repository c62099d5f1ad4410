// Idle lock: after the configured minutes without keyboard, mouse or touch input the app locks. While
// someone works without making calls (a long form), Go is pinged now and then so its own idle lock
// does not refuse the save at the end.

export const INPUT_EVENTS = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart', 'pointerdown'] as const

export interface IdleOptions {
  /** Minutes without input before onIdle; 0 or less never locks. Read at every check. */
  minutes: () => number
  onIdle: () => void
  /** Called at most every pingMs while there was input since the last call. */
  onActive?: () => void
  pingMs?: number
  checkMs?: number
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>
  now?: () => number
}

/** watchIdle starts watching for input and returns the function that stops it. */
export function watchIdle(o: IdleOptions): () => void {
  const now = o.now ?? (() => Date.now())
  const target = o.target ?? window
  const pingMs = o.pingMs ?? 60_000
  let lastInput = now()
  let lastPing = lastInput
  let fired = false
  const onInput = () => {
    lastInput = now()
    fired = false
  }
  for (const ev of INPUT_EVENTS) target.addEventListener(ev, onInput, { passive: true, capture: true })
  const timer = setInterval(() => {
    const t = now()
    const minutes = o.minutes()
    if (!fired && minutes > 0 && t - lastInput >= minutes * 60_000) {
      fired = true
      o.onIdle()
      return
    }
    if (o.onActive && lastInput > lastPing && t - lastPing >= pingMs) {
      lastPing = t
      o.onActive()
    }
  }, o.checkMs ?? 5_000)
  return () => {
    clearInterval(timer)
    for (const ev of INPUT_EVENTS) target.removeEventListener(ev, onInput, { capture: true })
  }
}
