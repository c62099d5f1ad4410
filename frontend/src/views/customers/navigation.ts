import type { Router } from 'vue-router'

/** goBack returns to the previous page of this app, or to fallback when there is none. */
export function goBack(router: Router, fallback: Parameters<Router['push']>[0]) {
  const state = window.history.state as { back?: string | null } | null
  if (state?.back) router.back()
  else void router.push(fallback)
}
