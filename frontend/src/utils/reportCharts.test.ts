import { expect, test } from 'vitest'
import { categoryPieOption, eventsOption, growthOption, lastMonths, pointsOption, salesBarOption, staffOption } from './reportCharts'

test('the default range is the last 12 months, across a year boundary', () => {
  expect(lastMonths('2026-11-23', 12)).toEqual({ from: '2025-12', to: '2026-11' })
  expect(lastMonths('2026-01-05', 12)).toEqual({ from: '2025-02', to: '2026-01' })
  expect(lastMonths('2026-03-31', 1)).toEqual({ from: '2026-03', to: '2026-03' })
})

test('growth shows new members as bars and the total on its own axis', () => {
  const o = growthOption([{ month: '2026-10', new: 3, total: 10 }, { month: '2026-11', new: 2, total: 12 }], { new: '新增', total: '总数' })
  expect(o.xAxis).toMatchObject({ data: ['2026-10', '2026-11'] })
  expect(o.series).toEqual([
    expect.objectContaining({ type: 'bar', name: '新增', data: [3, 2] }),
    expect.objectContaining({ type: 'line', name: '总数', yAxisIndex: 1, data: [10, 12] }),
  ])
})

test('money goes to the charts in yuan', () => {
  const rows = [{ name: '金卡', orders: 2, totalFen: 123456 }]
  expect(salesBarOption(rows, '销售额').series).toEqual([expect.objectContaining({ data: [1234.56] })])
  expect(categoryPieOption(rows, '销售额').series).toEqual([expect.objectContaining({ data: [{ name: '金卡', value: 1234.56 }] })])
  const staff = staffOption([{ staffId: 1, name: '小李', registrations: 4, orders: 3, salesFen: 50000, followUps: 2, checkIns: 1 }],
    { registrations: '注册', followUps: '回访', checkIns: '签到', sales: '销售额' })
  expect((staff.series as { data: number[] }[]).map((s) => s.data[0])).toEqual([4, 2, 1, 500])
})

test('redeemed and expired points stack against what was issued', () => {
  const o = pointsOption([{ month: '2026-11', issued: 900, redeemed: 300, expired: 50 }], { issued: '发放', redeemed: '兑换', expired: '过期' })
  const series = o.series as { stack?: string; data: number[] }[]
  expect(series.map((s) => s.data[0])).toEqual([900, 300, 50])
  expect(series[0].stack).toBeUndefined()
  expect(series[1].stack).toBe(series[2].stack)
})

test('events read oldest first: cost against what the attendees bought, in yuan', () => {
  const roi = (eventId: number, name: string, date: string, costFen: number, attendeeFen: number) => ({
    eventId, name, kind: '品鉴会', date, state: 'ended' as const, days: 30, costFen, attendees: 10, attendeeFen, attendeeBuyers: 4,
    absent: 2, absentFen: 0, absentBuyers: 0, perAttendeeFen: 0, perAbsentFen: 0, returnPct: 0, windowClosed: true,
  })
  // the backend lists the latest first
  const o = eventsOption([roi(2, '秋季酒会', '2026-10-18', 800000, 2400000), roi(1, '春季品鉴', '2026-04-11', 500000, 300000)], { cost: '费用', sales: '消费' })
  expect(o.xAxis).toMatchObject({ data: ['04-11 春季品鉴', '10-18 秋季酒会'] })
  expect((o.series as { name: string; data: number[] }[]).map((s) => [s.name, s.data])).toEqual([['费用', [5000, 8000]], ['消费', [3000, 24000]]])
})
