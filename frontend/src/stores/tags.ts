import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as tagsApi from '@/api/tags'
import type { Tag } from '@/api/tags'

/** The tag list that filters, chips and the segment builder pick from; reloaded after edits. */
export const useTagsStore = defineStore('tags', () => {
  const tags = ref<Tag[]>([])
  let loading: Promise<Tag[]> | null = null

  async function load(force = false): Promise<Tag[]> {
    if (!force && tags.value.length) return tags.value
    if (!force && loading) return loading
    loading = tagsApi.list().then((t) => (tags.value = t)).finally(() => (loading = null))
    return loading
  }

  const byId = computed(() => new Map(tags.value.map((t) => [t.id, t])))
  const manual = computed(() => tags.value.filter((t) => t.kind === 'manual'))

  return { tags, load, byId, manual }
})
