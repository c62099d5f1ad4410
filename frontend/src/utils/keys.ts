// Keyboard handling shared by the small forms: Enter submits, except inside an open dropdown, a
// textarea (Ctrl+Enter there) or on a button (which Enter clicks anyway); typing Chinese through an IME
// never submits.

/** isSubmitEnter reports whether this keydown is an Enter that should submit the form. */
export function isSubmitEnter(e: KeyboardEvent): boolean {
  if (e.key !== 'Enter' || e.isComposing || e.keyCode === 229) return false
  const target = e.target as HTMLElement | null
  if (!target) return true
  if (target.closest('[aria-expanded="true"]')) return false
  if (target.tagName === 'TEXTAREA' && !e.ctrlKey) return false
  if (target.tagName === 'BUTTON') return false
  return true
}

/**
 * inputFor finds the input a data-test names: Element Plus puts the attribute on the <input> itself for
 * el-input, and on a wrapper for el-select, el-input-number and form items.
 */
export function inputFor(root: ParentNode | null | undefined, test: string): HTMLInputElement | HTMLTextAreaElement | HTMLButtonElement | null {
  const sel = `input[data-test="${test}"], textarea[data-test="${test}"], button[data-test="${test}"], [data-test="${test}"] input, [data-test="${test}"] textarea`
  return (root ?? document).querySelector(sel)
}

/** focusIn focuses the input (or button) data-test names under root. */
export function focusIn(root: ParentNode | null | undefined, test: string) {
  inputFor(root, test)?.focus()
}
