import { call } from './transport'
import type { ExportFile } from './sheets'

// Choices the backend accepts (backend/communities/model.go).
export const PLATFORMS = ['微信', '企业微信', '钉钉', 'QQ', '其他'] as const
export const MEMBER_KINDS = ['个人', '终端门店', '企业', '混合'] as const
export const STATES = ['筹建', '活跃', '沉寂', '已解散'] as const
export const ROLES = ['群主', '管理员', '成员', '意见领袖'] as const
export const ACTIVITY_KINDS = ['红包', '抽奖', '话题', '线上品鉴', '限时优惠', '知识分享', '视频'] as const
export const HARD_LIMIT = 500
export const BEST_SIZE = 200

/** communities.Group */
export interface Group {
  id: number
  name: string
  platform: string
  theme: string
  audience: string
  memberKind: string
  ownerAccount: string
  staffId: number
  staffName: string
  admins: string
  rules: string
  state: string
  createdOn: string
  members: number
}

/** communities.Member */
export interface GroupMember {
  customerId: number
  name: string
  mobile: string
  kind: string
  level: string
  district: string
  remarkName: string
  role: string
  inviterId: number
  inviterName: string
  joinedOn: string
  leftOn: string
}

/** communities.Filter: each field is one more condition. */
export interface GroupFilter {
  /** A saved 客群; 0 for none. */
  segmentId: number
  levelId: number
  district: string
  kind: string
  tagId: number
  noGroupOnly: boolean
}

/** communities.Candidate */
export interface GroupCandidate {
  id: number
  name: string
  mobile: string
  district: string
  kind: string
  level: string
  inGroup: boolean
}

export interface AddRequest {
  groupId: number
  ids: number[]
  inviterId: number
  role: string
  joinedOn: string
}

export interface SplitPlan {
  by: 'district' | 'level' | 'kind'
  label: string
  buckets: { value: string; count: number }[]
}

export interface AddResult {
  added: number
  already: number
  members: number
  rewarded: number
  split: SplitPlan[] | null
}

/** communities.PastedName */
export interface PastedName {
  text: string
  name: string
  last4: string
  status: 'matched' | 'ambiguous' | 'unmatched'
  customerId: number
  candidates: GroupCandidate[]
}

/** communities.Activity */
export interface Activity {
  id: number
  groupId: number
  kind: string
  date: string
  title: string
  amountFen: number
  costFen: number
  participants: number
  notes: string
  staffName: string
}

/** communities.Health */
export interface Health extends Group {
  joins30: number
  leaves30: number
  activities30: number
  lastActivity: string
  sales90Fen: number
  cost90Fen: number
  dormant: boolean
  oversize: boolean
  rank: number
}

/** communities.Settings */
export interface GroupSettings {
  remarkPattern: string
  joinPoints: number
  firstBuyPoints: number
  /** A gift instead of the points while it is in stock; 0 for points. */
  joinGiftId: number
  firstBuyGiftId: number
}

/** communities.InviteNode */
export interface InviteNode {
  id: number
  name: string
  parentId: number
  groupName: string
  joinedOn: string
  depth: number
}

export interface Option {
  id: number
  label: string
}

export interface GroupOptions {
  tags: Option[]
  events: Option[]
}

export interface Prize {
  giftId: number
  count: number
}

/** communities.DrawRequest: GroupID or EventID. */
export interface DrawRequest {
  groupId: number
  eventId: number
  title: string
  prizes: Prize[]
  excludeTag: string
  excludeIds: number[]
  allowPastWinners: boolean
}

export interface PoolInfo {
  eligible: GroupCandidate[]
  excluded: number
}

export interface Winner {
  position: number
  customerId: number
  name: string
  mobile: string
  giftName: string
}

export interface DrawResult {
  id: number
  title: string
  groupId: number
  eventId: number
  seed: string
  poolSize: number
  excluded: string
  staffName: string
  createdAt: string
  winners: Winner[]
  reproduced: boolean
}

export const list = () => call<Group[]>('Communities', 'List')
export const get = (id: number) => call<Group>('Communities', 'Get', id)
export const save = (g: Group) => call<Group>('Communities', 'Save', g)
export const members = (groupId: number, withLeft: boolean) => call<GroupMember[]>('Communities', 'Members', groupId, withLeft)
export const candidates = (groupId: number, f: GroupFilter) => call<GroupCandidate[]>('Communities', 'Candidates', groupId, f)
export const addMembers = (req: AddRequest) => call<AddResult>('Communities', 'AddMembers', req)
export const leave = (groupId: number, customerId: number, date: string) => call<void>('Communities', 'Leave', groupId, customerId, date)
export const setRole = (groupId: number, customerId: number, role: string) => call<void>('Communities', 'SetRole', groupId, customerId, role)
export const matchPasted = (groupId: number, text: string) => call<PastedName[]>('Communities', 'MatchPasted', groupId, text)
export const activities = (groupId: number) => call<Activity[]>('Communities', 'Activities', groupId)
export const addActivity = (a: Activity) => call<Activity>('Communities', 'AddActivity', a)
export const deleteActivity = (id: number) => call<void>('Communities', 'DeleteActivity', id)
export const health = () => call<Health[]>('Communities', 'Health')
export const settings = () => call<GroupSettings>('Communities', 'Settings')
export const saveSettings = (s: GroupSettings) => call<GroupSettings>('Communities', 'SaveSettings', s)
export const invites = (groupId: number) => call<InviteNode[]>('Communities', 'Invites', groupId)
export const customerInvites = (customerId: number) => call<InviteNode[]>('Communities', 'CustomerInvites', customerId)
export const options = () => call<GroupOptions>('Communities', 'Options')
export const drawPool = (req: DrawRequest) => call<PoolInfo>('Communities', 'DrawPool', req)
export const draw = (req: DrawRequest) => call<DrawResult>('Communities', 'Draw', req)
export const draws = (groupId: number, eventId: number) => call<DrawResult[]>('Communities', 'Draws', groupId, eventId)
export const verifyDraw = (id: number) => call<DrawResult>('Communities', 'VerifyDraw', id)
export const exportRoster = (groupId: number) => call<ExportFile>('Sheets', 'ExportGroupRoster', groupId)
export const exportActivities = (groupId: number) => call<ExportFile>('Sheets', 'ExportGroupActivities', groupId)
export const exportDraw = (drawId: number) => call<ExportFile>('Sheets', 'ExportDraw', drawId)
export const ofCustomer = (customerId: number) => call<Group[]>('Communities', 'OfCustomer', customerId)
