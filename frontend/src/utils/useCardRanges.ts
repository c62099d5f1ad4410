import { onMounted, ref } from 'vue'
import * as membersApi from '@/api/members'

/**
 * Whether the shop has card ranges set: then a number needs no check digit on the form, and Go
 * decides by the ranges (see checkCardNumber). Unknown until loaded, and on a failed load, the
 * original rule applies; Go checks again either way.
 */
export function useCardRangesSet() {
  const rangesSet = ref(false)
  onMounted(async () => {
    try {
      rangesSet.value = (await membersApi.cardSettings()).ranges.length > 0
    } catch {
      rangesSet.value = false
    }
  })
  return rangesSet
}
