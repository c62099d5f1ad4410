import printZhCN from './print.zh-CN'
import couponsZhCN from './coupons.zh-CN'
import segmentsZhCN from './segments.zh-CN'
import customersZhCN from './customers.zh-CN'
import membersZhCN from './members.zh-CN'
import pointsZhCN from './points.zh-CN'
import salesZhCN from './sales.zh-CN'
import settingsZhCN from './settings.zh-CN'
import eventsZhCN from './events.zh-CN'
import groupsZhCN from './groups.zh-CN'
import claimsZhCN from './claims.zh-CN'
import reportsZhCN from './reports.zh-CN'
import banquetsZhCN from './banquets.zh-CN'
import walletZhCN from './wallet.zh-CN'
import wineZhCN from './wine.zh-CN'

// Simplified Chinese: the default and complete locale. en.ts has exactly the same keys.
// The app-wide messages are below; each module's live in <module>.zh-CN.ts and are added here.
/** App-wide messages (header, navigation, search, common words, home page). */
export const zhCNBase = {
  app: {
    title: '酒客通',
    loadFailed: '无法读取店铺信息：{message}',
    retry: '重试',
    readOnly: '数据库未通过完整性检查，已暂停所有修改（只能查看）',
  },
  nav: {
    home: '首页',
    customers: '客户',
    segments: '客群',
    members: '会员',
    points: '积分',
    wallet: '储值',
    wine: '存酒',
    groups: '社群',
    events: '活动',
    claims: '厂家核销',
    coupons: '券',
    banquets: '宴席',
    reports: '报表',
    settings: '设置',
  },
  header: {
    demo: '演示数据',
    staff: '当前员工',
  },
  search: {
    placeholder: '查找客户：姓名、拼音、手机号、尾号或扫卡',
    shortcut: '/ 或 F2',
    searching: '正在查找…',
    noHits: '没有找到「{q}」',
    hint: '↑↓ 选择 · Enter 打开 · Esc 关闭',
    archived: '已停用',
    match: {
      mobile: '手机号',
      card: '卡号',
      last4: '尾号',
      phone_prefix: '号段',
      name: '姓名',
      initials: '拼音首字母',
      pinyin: '全拼',
      company: '单位',
    },
  },
  common: {
    yes: '是',
    no: '否',
    none: '—',
    cancel: '取消',
    confirm: '确定',
    save: '保存',
    back: '返回',
    loading: '加载中…',
    open: '查看',
    edit: '编辑',
    more: '加载更多',
    allShown: '已全部显示（{n} 条）',
  },
  home: {
    welcome: '欢迎回来，{name}',
    subtitle: '{shop} 的客户档案',
    totalLabel: '在用客户',
    totalUnit: '位',
    newCustomer: '新建客户',
    findCustomer: '查找客户',
    findHint: '也可以在任何页面按 / 或 F2 直接查找',
    emptyTitle: '客户档案还是空的',
    emptyText: '从第一位客户开始：点「新建客户」，填上姓名和手机号，按 Enter 保存。',
    registerMember: '注册会员',
  },
}

export default { ...zhCNBase, ...customersZhCN, ...membersZhCN, ...pointsZhCN, ...salesZhCN, ...settingsZhCN, ...segmentsZhCN, ...eventsZhCN, ...groupsZhCN, ...reportsZhCN, ...claimsZhCN, ...printZhCN, ...couponsZhCN, ...banquetsZhCN, ...walletZhCN, ...wineZhCN }
