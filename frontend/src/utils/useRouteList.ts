// useRouteList runs a list the server filters, sorts and pages, whose state lives in the URL query (so
// a link, a reload or the back button shows the same rows). It loads whenever the query changes while
// its own page is shown, keeps only the latest answer, and when a page lies past the end (rows went
// away since the link was made) it moves to the last page that exists.
import { computed, ref, watch, type Ref } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import { toApiError } from '@/api/transport'

interface Paging {
  page: number
  pageSize: number
}

export interface RouteList<Q extends Paging, P extends { items: unknown[]; total: number }> {
  /** the route's name, whose query holds the list's state */
  name: string
  parse: (query: LocationQuery) => Q
  format: (q: Q) => LocationQueryRaw
  fetch: (q: Q) => Promise<P>
  /** runs after each answer is shown (to clear a selection, say) */
  shown?: (page: P) => void
}

export function useRouteList<Q extends Paging, P extends { items: unknown[]; total: number }>(list: RouteList<Q, P>) {
  const route = useRoute()
  const router = useRouter()
  const q = computed(() => list.parse(route.query))
  const page = ref(null) as Ref<P | null>
  const loading = ref(false)
  const error = ref('')
  let latest = 0

  function change(patch: Partial<Q>) {
    const next = { ...q.value, ...patch }
    // Any filter or sort change starts again at page 1.
    if (!('page' in patch)) next.page = 1
    void router.replace({ name: list.name, query: list.format(next) })
  }

  async function load() {
    const mine = ++latest
    const asked = q.value
    loading.value = true
    error.value = ''
    try {
      const res = await list.fetch(asked)
      if (mine !== latest) return
      page.value = res
      list.shown?.(res)
      const last = Math.max(1, Math.ceil(res.total / asked.pageSize))
      if (res.items.length === 0 && asked.page > last) change({ page: last } as Partial<Q>)
    } catch (e) {
      if (mine === latest) error.value = toApiError(e).message
    } finally {
      if (mine === latest) loading.value = false
    }
  }

  watch(() => route.fullPath, () => {
    if (route.name === list.name) void load()
  }, { immediate: true })

  return { q, page, loading, error, change, load }
}
