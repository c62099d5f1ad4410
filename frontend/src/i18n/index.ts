import type { Ref } from 'vue'
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'
import importsZh from './imports.zh-CN'
import importsEn from './imports.en'

export type MessageSchema = typeof zhCN & typeof importsZh
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
  messages: {
    'zh-CN': { ...zhCN, ...importsZh, nav: { ...zhCN.nav, ...importsZh.nav } },
    en: { ...en, ...importsEn, nav: { ...en.nav, ...importsEn.nav } },
  },
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
