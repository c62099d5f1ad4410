// Report data → ECharts options. Pure, so the chart shapes are unit-tested without a canvas.
import type { ComposeOption } from 'echarts/core'
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from 'echarts/charts'
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components'
import type { GrowthRow, PointsRow, SalesRow, StaffRow } from '@/api/reports'
import type { Roi } from '@/api/events'

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>

/** The wine-red palette of the app, then quieter colours. */
export const PALETTE = ['#8c2a2a', '#c9a227', '#5b3fa0', '#409eff', '#67c23a', '#909399', '#e6a23c']

/** lastMonths is the n months up to and including today's month (today 'YYYY-MM-DD'), as 'YYYY-MM'. */
export function lastMonths(today: string, n: number): { from: string; to: string } {
  const y = Number(today.slice(0, 4))
  const m = Number(today.slice(5, 7))
  const first = y * 12 + (m - 1) - (n - 1)
  const ym = (k: number) => `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`
  return { from: ym(first), to: today.slice(0, 7) }
}

const yuan = (fen: number) => Math.round(fen) / 100
const base = { color: PALETTE, tooltip: { trigger: 'axis' as const }, grid: { left: 56, right: 56, top: 40, bottom: 32 } }

/** growthOption: new members as bars, the running total as a line on a second axis. */
export function growthOption(rows: GrowthRow[], label: { new: string; total: string }): ChartOption {
  return {
    ...base,
    legend: { top: 0 },
    xAxis: { type: 'category', data: rows.map((r) => r.month) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', minInterval: 1 }],
    series: [
      { name: label.new, type: 'bar', data: rows.map((r) => r.new) },
      { name: label.total, type: 'line', yAxisIndex: 1, smooth: true, data: rows.map((r) => r.total) },
    ],
  }
}

/** salesBarOption: sales in yuan per level (or any named group). */
export function salesBarOption(rows: SalesRow[], label: string): ChartOption {
  return {
    ...base,
    xAxis: { type: 'category', data: rows.map((r) => r.name) },
    yAxis: { type: 'value', name: '¥' },
    series: [{ name: label, type: 'bar', data: rows.map((r) => yuan(r.totalFen)), barMaxWidth: 48 }],
  }
}

/** categoryPieOption: each category's share of sales, in yuan. */
export function categoryPieOption(rows: SalesRow[], label: string): ChartOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}: ¥{c} ({d}%)' },
    legend: { bottom: 0 },
    series: [{ name: label, type: 'pie', radius: ['35%', '65%'], data: rows.map((r) => ({ name: r.name, value: yuan(r.totalFen) })) }],
  }
}

/** pointsOption: issued against redeemed and expired, month by month. */
export function pointsOption(rows: PointsRow[], label: { issued: string; redeemed: string; expired: string }): ChartOption {
  const months = rows.map((r) => r.month)
  return {
    ...base,
    legend: { top: 0 },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value' },
    series: [
      { name: label.issued, type: 'bar', data: rows.map((r) => r.issued) },
      { name: label.redeemed, type: 'bar', stack: 'out', data: rows.map((r) => r.redeemed) },
      { name: label.expired, type: 'bar', stack: 'out', data: rows.map((r) => r.expired) },
    ],
  }
}

/** staffOption: counts per staff member as grouped bars, sales in yuan as a line on its own axis. */
export function staffOption(rows: StaffRow[], label: { registrations: string; followUps: string; checkIns: string; sales: string }): ChartOption {
  return {
    ...base,
    legend: { top: 0 },
    xAxis: { type: 'category', data: rows.map((r) => r.name) },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', name: '¥' }],
    series: [
      { name: label.registrations, type: 'bar', data: rows.map((r) => r.registrations) },
      { name: label.followUps, type: 'bar', data: rows.map((r) => r.followUps) },
      { name: label.checkIns, type: 'bar', data: rows.map((r) => r.checkIns) },
      { name: label.sales, type: 'line', yAxisIndex: 1, data: rows.map((r) => yuan(r.salesFen)) },
    ],
  }
}

/** eventsOption: each event's actual cost against what its attendees bought afterwards, in yuan. */
export function eventsOption(rows: Roi[], label: { cost: string; sales: string }): ChartOption {
  const oldestFirst = [...rows].reverse()
  return {
    ...base,
    legend: { top: 0 },
    xAxis: { type: 'category', data: oldestFirst.map((r) => `${r.date.slice(5)} ${r.name}`) },
    yAxis: { type: 'value', name: '¥' },
    series: [
      { name: label.cost, type: 'bar', data: oldestFirst.map((r) => yuan(r.costFen)), barMaxWidth: 40 },
      { name: label.sales, type: 'bar', data: oldestFirst.map((r) => yuan(r.attendeeFen)), barMaxWidth: 40 },
    ],
  }
}
