// useMoreList shows a long list a page at a time, newest first: load() brings the first page, more()
// the next one after the last row shown (加载更多), so a member with years of purchases loses none.
// Only the latest call counts, so a slow answer never lands in a list that has been reloaded since.
import { computed, ref, type Ref } from 'vue'
import { toApiError } from '@/api/transport'

export function useMoreList<T>(fetch: (after: T | null) => Promise<T[]>, pageSize: number) {
  const items = ref([]) as Ref<T[]>
  const loading = ref(false)
  const error = ref('')
  // A page shorter than pageSize was the last one.
  const full = ref(false)
  let latest = 0

  async function page(after: T | null) {
    const mine = ++latest
    loading.value = true
    error.value = ''
    try {
      const rows = await fetch(after)
      if (mine !== latest) return
      items.value = after === null ? rows : [...items.value, ...rows]
      full.value = rows.length >= pageSize
    } catch (e) {
      if (mine === latest) error.value = toApiError(e).message
    } finally {
      if (mine === latest) loading.value = false
    }
  }

  const load = () => page(null)
  const more = () => page(items.value.at(-1) ?? null)
  const hasMore = computed(() => full.value && items.value.length > 0)
  return { items, loading, error, hasMore, load, more }
}
