import { describe, expect, test } from 'vitest'
import { drawProblem, maskMobile, maskName, prizeCount, splitText, treeOrder } from './communities'

describe('treeOrder', () => {
  test('children follow their parent, deeper ones indented', () => {
    const nodes = [
      { id: 3, parentId: 2 },
      { id: 2, parentId: 1 },
      { id: 4, parentId: 1 },
      { id: 5, parentId: 0 },
    ]
    expect(treeOrder(nodes, [1, 0]).map((x) => [x.node.id, x.depth])).toEqual([[2, 0], [3, 1], [4, 0], [5, 0]])
  })
  test('a node whose parent is missing still shows', () => {
    expect(treeOrder([{ id: 9, parentId: 77 }], [1]).map((x) => x.node.id)).toEqual([9])
  })
})

test('masking for the projector', () => {
  expect(maskMobile('13800008000')).toBe('138****8000')
  expect(maskMobile('138****8000')).toBe('138****8000')
  expect(maskMobile('02887654321x')).toBe('****321x')
  expect(maskName('张三丰')).toBe('张**')
  expect(maskName('王')).toBe('王')
})

test('splitText lists the largest buckets and sums the rest', () => {
  const b = [{ value: '锦江区', count: 80 }, { value: '武侯区', count: 70 }, { value: '青羊区', count: 30 }, { value: '金牛区', count: 20 }, { value: '成华区', count: 5 }, { value: '未填区域', count: 3 }]
  expect(splitText(b)).toBe('锦江区 80 · 武侯区 70 · 青羊区 30 · 金牛区 20 · 其他 2 类 8')
  expect(splitText(b.slice(0, 2))).toBe('锦江区 80 · 武侯区 70')
})

test('drawProblem refuses before the server does', () => {
  expect(prizeCount([{ giftId: 1, count: 2 }, { giftId: 0, count: 3 }])).toBe(2)
  expect(drawProblem(5, [])).toBe('noPrize')
  expect(drawProblem(0, [{ giftId: 1, count: 1 }])).toBe('emptyPool')
  expect(drawProblem(2, [{ giftId: 1, count: 3 }])).toBe('tooManyPrizes')
  expect(drawProblem(3, [{ giftId: 1, count: 3 }])).toBe('')
})
