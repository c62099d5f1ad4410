/** focusGlobalSearch puts the cursor in the header's search box (for buttons that say 查找客户). */
export function focusGlobalSearch() {
  const el = document.querySelector<HTMLElement>('[data-test="global-search"]')
  const input = el instanceof HTMLInputElement ? el : el?.querySelector('input')
  input?.focus()
}
