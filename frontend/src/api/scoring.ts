import { call } from './transport'
import type { BulkResult } from './tags'

/** scoring.Score: one customer's score with the parts behind it (each 0–100). */
export interface Score {
  customerId: number
  name: string
  levelName: string
  levelColour: string
  topLevel: boolean
  spend12mFen: number
  buyingPower: number
  referrals: number
  referredSpendFen: number
  opinionLeader: boolean
  influence: number
  events: number
  followUps: number
  participation: number
  total: number
  rank: number
  inCircle: boolean
  suggested: boolean
}

export interface Weights {
  buying: number
  influence: number
  participation: number
}

export interface Ranking {
  items: Score[]
  total: number
  weights: Weights
}

export function ranking(limit = 100): Promise<Ranking> {
  return call<Ranking>('Scoring', 'Ranking', limit)
}

export function score(customerId: number): Promise<Score> {
  return call<Score>('Scoring', 'Score', customerId)
}

export function weights(): Promise<Weights> {
  return call<Weights>('Scoring', 'Weights')
}

export function saveWeights(w: Weights): Promise<Weights> {
  return call<Weights>('Scoring', 'SaveWeights', w)
}

export function setOpinionLeader(customerId: number, on: boolean): Promise<void> {
  return call<void>('Scoring', 'SetOpinionLeader', customerId, on)
}

export function promoteToCircle(customerIds: number[]): Promise<BulkResult> {
  return call<BulkResult>('Scoring', 'PromoteToCircle', customerIds)
}
