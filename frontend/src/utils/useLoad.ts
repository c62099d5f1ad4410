// useLoad keeps what a panel shows from one Go call: the data, whether it is loading, and the Chinese
// error when the call failed. Only the latest call counts, so a slow answer never overwrites a newer one.
import { ref, type Ref } from 'vue'
import { toApiError } from '@/api/transport'

export function useLoad<T>(fetch: () => Promise<T>, initial: T) {
  const data = ref(initial) as Ref<T>
  const loading = ref(false)
  const error = ref('')
  let latest = 0
  async function load() {
    const mine = ++latest
    loading.value = true
    error.value = ''
    try {
      const value = await fetch()
      if (mine === latest) data.value = value
    } catch (e) {
      if (mine === latest) error.value = toApiError(e).message
    } finally {
      if (mine === latest) loading.value = false
    }
  }
  return { data, loading, error, load }
}
