// Printing a receipt: fetch it from Go (which records the print, so a second one says 重打), render it
// into the print area on its own, size the page to the paper and open the system print dialog — the
// same window.print() in the Wails window and in a browser.
import { createApp, nextTick, type App } from 'vue'
import { ElMessage } from 'element-plus'
import { i18n } from '@/i18n'
import * as receiptsApi from '@/api/receipts'
import type { Paper, ReceiptKind } from '@/api/receipts'
import { toApiError } from '@/api/transport'
import ReceiptView from './ReceiptView.vue'
import './print.css'

/** pageCSS sizes the printed page to the paper: thermal rolls as tall as the receipt, A5 as a sheet. */
export function pageCSS(paper: Paper, heightPx: number): string {
  if (paper === 'A5') return '@page { size: A5 portrait; margin: 0 }'
  const mm = Math.ceil((heightPx * 25.4) / 96) + 4
  return `@page { size: ${paper}mm ${mm}mm; margin: 0 }`
}

let mounted: App | null = null

/** renderReceipt mounts a receipt into the print area (replacing any before) and returns that element. */
export async function renderReceipt(receipt: receiptsApi.Receipt): Promise<HTMLElement> {
  let host = document.getElementById('jk-print-area')
  if (!host) {
    host = document.createElement('div')
    host.id = 'jk-print-area'
    document.body.appendChild(host)
  }
  mounted?.unmount()
  host.innerHTML = ''
  mounted = createApp(ReceiptView, { receipt })
  mounted.use(i18n)
  mounted.mount(host)
  await nextTick()
  let style = document.getElementById('jk-print-page') as HTMLStyleElement | null
  if (!style) {
    style = document.createElement('style')
    style.id = 'jk-print-page'
    document.head.appendChild(style)
  }
  const el = host.firstElementChild as HTMLElement
  style.textContent = pageCSS(receipt.paper, el?.scrollHeight ?? 600)
  return host
}

/** printReceipt prints the receipt of a record; paper "" uses the shop's default. */
export async function printReceipt(kind: ReceiptKind, id: number, paper: Paper | '' = ''): Promise<void> {
  try {
    const r = await receiptsApi.print(kind, id, paper)
    await renderReceipt(r)
    window.print()
  } catch (e) {
    ElMessage.error(i18n.global.t('receipt.failed', { message: toApiError(e).message }))
  }
}
