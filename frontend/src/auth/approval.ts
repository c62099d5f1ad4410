// The manager's PIN on the spot: the transport's approval hook opens ApprovalDialog and waits. One
// request at a time; a second one waits for the first dialog to close.
import { reactive } from 'vue'

export interface ApprovalRequest {
  service: string
  method: string
  /** Go's message, e.g. 此操作需要店长授权. */
  message: string
}

export const approvalState = reactive<{ open: boolean; request: ApprovalRequest | null }>({ open: false, request: null })

let settle: ((ok: boolean) => void) | null = null
let queue: Promise<unknown> = Promise.resolve()

/** requestApproval shows the dialog and resolves true once a manager approved, false if cancelled. */
export function requestApproval(request: ApprovalRequest): Promise<boolean> {
  const mine = queue.then(
    () =>
      new Promise<boolean>((resolve) => {
        approvalState.request = request
        approvalState.open = true
        settle = resolve
      }),
  )
  queue = mine.catch(() => undefined)
  return mine
}

/** finishApproval closes the dialog with its outcome (the dialog calls it). */
export function finishApproval(ok: boolean) {
  const s = settle
  settle = null
  approvalState.open = false
  approvalState.request = null
  s?.(ok)
}
