import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as systemApi from '@/api/system'
import * as customersApi from '@/api/customers'
import { onEvent } from '@/api/runtime'
import type { Health, Info, Shop } from '@/api/system'

/** The frame's shared facts: shop, acting staff, and the choices forms offer. */
export const useSystemStore = defineStore('system', () => {
  const info = ref<Info | null>(null)
  const usedDistricts = ref<string[]>([])

  async function load() {
    info.value = await systemApi.info()
    watchHealth()
  }

  // The integrity check finishes after start: its event updates the frame, and while it runs the
  // state is also asked again now and then (a browser that missed the event still learns it).
  let offHealth: (() => void) | null = null
  let healthTimer: ReturnType<typeof setTimeout> | null = null
  function setHealth(h: Health) {
    if (info.value) info.value = { ...info.value, health: h }
  }
  function watchHealth() {
    offHealth ??= onEvent<Health>('system:health', setHealth)
    if (healthTimer || info.value?.health?.state !== 'checking') return
    healthTimer = setTimeout(async () => {
      healthTimer = null
      try {
        const fresh = await systemApi.info()
        if (info.value) setHealth(fresh.health)
      } catch {
        // asked again below
      }
      watchHealth()
    }, 3000)
  }

  async function loadDistricts() {
    try {
      usedDistricts.value = await customersApi.districts()
    } catch {
      // suggestions only: the configured list still works
    }
  }

  async function saveShop(shop: Shop) {
    const saved = await systemApi.saveShop(shop)
    if (info.value) info.value = { ...info.value, shop: saved }
    return saved
  }

  /** Districts to offer: the shop's configured list first, then others already in use. */
  const districtOptions = computed(() => {
    const out: string[] = []
    for (const d of [...(info.value?.shop.districts ?? []), ...usedDistricts.value]) {
      if (d && !out.includes(d)) out.push(d)
    }
    return out
  })

  const staffName = (id: number) => info.value?.staff.find((s) => s.id === id)?.name ?? ''

  /** Managers and the owner change rules, prices and levels; Go refuses clerks, the UI says so first. */
  const canManage = computed(() => !!info.value && info.value.actor.role !== 'clerk')

  return { info, load, loadDistricts, saveShop, districtOptions, staffName, canManage }
})
