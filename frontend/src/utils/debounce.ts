/** debounce delays fn until wait ms have passed without another call; cancel() drops a pending call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, wait: number) {
  let timer: ReturnType<typeof setTimeout> | undefined
  const d = (...args: A) => {
    if (timer !== undefined) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = undefined
      fn(...args)
    }, wait)
  }
  d.cancel = () => {
    if (timer !== undefined) clearTimeout(timer)
    timer = undefined
  }
  d.pending = () => timer !== undefined
  return d
}
