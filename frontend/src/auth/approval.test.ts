import { expect, test } from 'vitest'
import { approvalState, finishApproval, requestApproval } from './approval'

test('requests are answered one after another', async () => {
  const first = requestApproval({ service: 'Customers', method: 'Archive', message: '此操作需要店长授权' })
  const second = requestApproval({ service: 'Customers', method: 'Merge', message: '此操作需要店长授权' })
  await Promise.resolve()
  expect(approvalState.open).toBe(true)
  expect(approvalState.request?.method).toBe('Archive')
  finishApproval(true)
  await expect(first).resolves.toBe(true)
  await Promise.resolve()
  expect(approvalState.request?.method).toBe('Merge')
  finishApproval(false)
  await expect(second).resolves.toBe(false)
  expect(approvalState.open).toBe(false)
})
