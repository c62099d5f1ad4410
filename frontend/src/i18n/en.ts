import printEn from './print.en'
import couponsEn from './coupons.en'
import segmentsEn from './segments.en'
import type { zhCNBase } from './zh-CN'
import customersEn from './customers.en'
import membersEn from './members.en'
import pointsEn from './points.en'
import salesEn from './sales.en'
import settingsEn from './settings.en'
import eventsEn from './events.en'
import groupsEn from './groups.en'
import claimsEn from './claims.en'
import reportsEn from './reports.en'
import banquetsEn from './banquets.en'
import walletEn from './wallet.en'
import wineEn from './wine.en'

// English: the second locale, the same keys as zh-CN.ts (a unit test checks).
const enBase: typeof zhCNBase = {
  app: {
    title: 'Jiuke',
    loadFailed: 'Could not read the shop information: {message}',
    retry: 'Retry',
    readOnly: 'The database failed its integrity check: every change is paused (view only)',
  },
  nav: {
    home: 'Home',
    customers: 'Customers',
    segments: 'Segments',
    members: 'Members',
    points: 'Points',
    wallet: 'Wallet',
    wine: 'Stored wine',
    groups: 'Groups',
    events: 'Events',
    claims: 'Brand claims',
    coupons: 'Coupons',
    banquets: 'Banquets',
    reports: 'Reports',
    settings: 'Settings',
  },
  header: {
    demo: 'Demo data',
    staff: 'Staff',
  },
  search: {
    placeholder: 'Find a customer: name, pinyin, mobile, last 4 digits or scan a card',
    shortcut: '/ or F2',
    searching: 'Searching…',
    noHits: 'Nothing found for “{q}”',
    hint: '↑↓ select · Enter open · Esc close',
    archived: 'Archived',
    match: {
      mobile: 'Mobile',
      card: 'Card',
      last4: 'Last 4',
      phone_prefix: 'Number prefix',
      name: 'Name',
      initials: 'Initials',
      pinyin: 'Pinyin',
      company: 'Company',
    },
  },
  common: {
    yes: 'Yes',
    no: 'No',
    none: '—',
    cancel: 'Cancel',
    confirm: 'OK',
    save: 'Save',
    back: 'Back',
    loading: 'Loading…',
    open: 'Open',
    edit: 'Edit',
    more: 'Load more',
    allShown: 'All {n} shown',
  },
  home: {
    welcome: 'Welcome back, {name}',
    subtitle: 'Customer archive of {shop}',
    totalLabel: 'Active customers',
    totalUnit: '',
    newCustomer: 'New customer',
    findCustomer: 'Find a customer',
    findHint: 'Press / or F2 on any page to search',
    emptyTitle: 'The customer archive is empty',
    emptyText: 'Start with your first customer: click “New customer”, enter a name and mobile, press Enter.',
    registerMember: 'New member',
  },
}

export default { ...enBase, ...customersEn, ...membersEn, ...pointsEn, ...salesEn, ...settingsEn, ...segmentsEn, ...eventsEn, ...groupsEn, ...reportsEn, ...claimsEn, ...printEn, ...couponsEn, ...banquetsEn, ...walletEn, ...wineEn }
