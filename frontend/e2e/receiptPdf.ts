// Renders the receipt in the print area to PDF at its paper width, as the print dialog would, and reads
// the PDF's text back with pdftotext.
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'

/** stubPrint replaces window.print so clicking 打印 renders the print area without a dialog, and counts calls. */
export async function stubPrint(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { print: () => void; __prints: number }
    w.__prints = 0
    w.print = () => {
      w.__prints++
    }
  })
}

export async function printCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __prints: number }).__prints)
}

/** receiptPdfText prints the page (only the print area shows in print media) to a PDF of the paper's width. */
export async function receiptPdfText(page: Page, dir: string, name: string, paper: '58' | '80' | 'A5'): Promise<string> {
  const pdf = paper === 'A5'
    ? await page.pdf({ format: 'A5', printBackground: true })
    : await page.pdf({ width: `${paper}mm`, height: '400mm', printBackground: true, margin: { top: '0', bottom: '0', left: '0', right: '0' } })
  const file = join(dir, `${name}.pdf`)
  writeFileSync(file, pdf)
  return execFileSync('pdftotext', ['-layout', file, '-']).toString()
}

/** pdfWidthMm reads the first page's width from the PDF's MediaBox, in millimetres. */
export function pdfWidthMm(dir: string, name: string): number {
  const info = execFileSync('pdfinfo', [join(dir, `${name}.pdf`)]).toString()
  const m = info.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/)
  return m ? (Number(m[1]) * 25.4) / 72 : 0
}
