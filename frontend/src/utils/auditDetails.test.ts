import { describe, expect, test } from 'vitest'
import { detailLines, prettyJSON, type DetailWords } from './auditDetails'

const labels: Record<string, string> = { role: '角色', active: '在用', secret: 'PIN/密码', reason: '原因', name: '名称', districts: '区域', port: '端口', amountFen: '金额' }
const roles: Record<string, string> = { owner: '老板', manager: '店长', clerk: '店员' }
const w: DetailWords = {
  label: (k) => labels[k] ?? '',
  value: (k, v) => (k === 'role' ? roles[v] ?? '' : ''),
  yes: '是',
  no: '否',
  empty: '（空）',
  unchanged: '没有改动',
}

describe('detailLines', () => {
  test('nothing to show', () => {
    expect(detailLines('', w)).toEqual([])
    expect(detailLines('{}', w)).toEqual([])
  })

  test('a staff edit: old → new per field, roles in Chinese', () => {
    const d = JSON.stringify({ role: { old: 'clerk', new: 'manager' }, active: { old: true, new: false }, secret: '已重设' })
    expect(detailLines(d, w)).toEqual([
      { key: 'role', label: '角色', text: '店员 → 店长' },
      { key: 'active', label: '在用', text: '是 → 否' },
      { key: 'secret', label: 'PIN/密码', text: '已重设' },
    ])
  })

  test('a rule edit stored as {old, new} objects lists only what changed', () => {
    const d = JSON.stringify({ old: { name: '老店', city: '成都', districts: ['锦江区'] }, new: { name: '新店', city: '成都', districts: ['锦江区', '武侯区'] } })
    expect(detailLines(d, w)).toEqual([
      { key: 'name', label: '名称', text: '老店 → 新店' },
      { key: 'districts', label: '区域', text: '锦江区 → 锦江区、武侯区' },
    ])
    const same = JSON.stringify({ old: { a: 1 }, new: { a: 1 } })
    expect(detailLines(same, w)).toEqual([{ key: '', label: '', text: '没有改动' }])
  })

  test('a scalar change, money in fen, unknown keys as they are', () => {
    expect(detailLines('{"old":"JK","new":"VIP"}', w)).toEqual([{ key: '', label: '', text: 'JK → VIP' }])
    expect(detailLines('{"amountFen":123456,"qty":2}', w)).toEqual([
      { key: 'amountFen', label: '金额', text: '¥1,234.56' },
      { key: 'qty', label: 'qty', text: '2' },
    ])
  })

  test('nested objects read as key：value pairs; empty values say so', () => {
    expect(detailLines('{"moved":{"回访":2,"推荐的客户":0},"reason":""}', w)).toEqual([
      { key: 'moved', label: 'moved', text: '回访：2，推荐的客户：0' },
      { key: 'reason', label: '原因', text: '（空）' },
    ])
  })

  test('plain text details stay as they are', () => {
    expect(detailLines('已重设', w)).toEqual([{ key: '', label: '', text: '已重设' }])
    expect(prettyJSON('not json')).toBe('not json')
    expect(prettyJSON('{"a":1}')).toBe('{\n  "a": 1\n}')
  })
})
