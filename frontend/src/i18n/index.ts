import type { Ref } from 'vue'
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'
import authZhCN from './auth.zh-CN'
import authEn from './auth.en'
import importsZh from './imports.zh-CN'
import importsEn from './imports.en'

/** mergeMessages deep-merges a module's own locale file (e.g. auth.zh-CN.ts) into the base one. */
export function mergeMessages<A extends object, B extends object>(base: A, extra: B): A & B {
  const out = { ...base } as Record<string, unknown>
  for (const [k, v] of Object.entries(extra)) {
    const cur = out[k]
    out[k] = cur && typeof cur === 'object' && v && typeof v === 'object' ? mergeMessages(cur as object, v as object) : v
  }
  return out as A & B
}

const zhMessages = mergeMessages(mergeMessages(zhCN, authZhCN), importsZh)
const enMessages = mergeMessages(mergeMessages(en, authEn), importsEn)

export type MessageSchema = typeof zhMessages
export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]

const STORAGE_KEY = 'jiuke.locale'

function savedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY)
    if (v && (LOCALES as readonly string[]).includes(v)) return v as Locale
  } catch {
    // storage unavailable: use the default
  }
  return 'zh-CN'
}

export const i18n = createI18n<[MessageSchema], Locale>({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhMessages, en: enMessages },
})

export function setLocale(l: Locale) {
  // composition mode: locale is a ref
  ;(i18n.global.locale as unknown as Ref<Locale>).value = l
  document.documentElement.lang = l
  try {
    localStorage.setItem(STORAGE_KEY, l)
  } catch {
    // not kept; fine for this session
  }
}
