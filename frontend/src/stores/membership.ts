import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as membersApi from '@/api/members'
import * as pointsApi from '@/api/points'
import type { Level } from '@/api/members'
import type { Rules } from '@/api/points'

/** Level and points settings many pages need (filters, forms, tags), loaded once and refreshed on save. */
export const useMembershipStore = defineStore('membership', () => {
  const levels = ref<Level[]>([])
  const rules = ref<Rules | null>(null)
  let levelsLoad: Promise<Level[]> | null = null
  let rulesLoad: Promise<Rules> | null = null

  async function loadLevels(force = false): Promise<Level[]> {
    if (!force && levels.value.length) return levels.value
    if (!force && levelsLoad) return levelsLoad
    levelsLoad = membersApi.levels().then((l) => (levels.value = l)).finally(() => (levelsLoad = null))
    return levelsLoad
  }

  async function loadRules(force = false): Promise<Rules> {
    if (!force && rules.value) return rules.value
    if (!force && rulesLoad) return rulesLoad
    rulesLoad = pointsApi.rules().then((r) => (rules.value = r)).finally(() => (rulesLoad = null))
    return rulesLoad
  }

  function setLevels(l: Level[]) {
    levels.value = l
  }

  function setRules(r: Rules) {
    rules.value = r
  }

  const levelById = computed(() => new Map(levels.value.map((l) => [l.id, l])))

  return { levels, rules, loadLevels, loadRules, setLevels, setRules, levelById }
})
