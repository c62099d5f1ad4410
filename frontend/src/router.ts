import { createRouter, createWebHashHistory } from 'vue-router'
import { authGuard } from '@/auth/guard'

// Hash history: the Wails window and `jiuke serve` both serve only index.html at /.
export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', name: 'home', component: () => import('@/views/HomeView.vue') },
    { path: '/customers', name: 'customers', component: () => import('@/views/customers/CustomerList.vue') },
    { path: '/customers/new', name: 'customer-new', component: () => import('@/views/customers/CustomerNew.vue') },
    { path: '/customers/:id(\\d+)', name: 'customer', component: () => import('@/views/customers/CustomerDetail.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/customers/:id(\\d+)/edit', name: 'customer-edit', component: () => import('@/views/customers/CustomerEdit.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/customers/:id(\\d+)/merge', name: 'customer-merge', component: () => import('@/views/customers/CustomerMerge.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/segments', name: 'segments', component: () => import('@/views/segments/SegmentsView.vue') },
    { path: '/segments/new', name: 'segment-new', component: () => import('@/views/segments/SegmentEdit.vue') },
    { path: '/segments/:id(\\d+)', name: 'segment', component: () => import('@/views/segments/SegmentEdit.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/members', name: 'members', component: () => import('@/views/members/MemberList.vue') },
    { path: '/members/new', name: 'member-new', component: () => import('@/views/members/MemberRegister.vue') },
    { path: '/members/:id(\\d+)', name: 'member', component: () => import('@/views/members/MemberPage.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/members/:id(\\d+)/purchase', name: 'member-purchase', component: () => import('@/views/members/PurchaseNew.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/receipt/:kind([a-z]+)/:id(\\d+)', name: 'receipt', component: () => import('@/views/wine/ReceiptPage.vue'), props: (r) => ({ kind: String(r.params.kind), id: Number(r.params.id) }) },
    { path: '/wine', name: 'wine', component: () => import('@/views/wine/WineView.vue') },
    { path: '/points', name: 'points', component: () => import('@/views/points/PointsView.vue') },
    { path: '/events', name: 'events', component: () => import('@/views/events/EventList.vue') },
    { path: '/events/roi', name: 'event-roi', component: () => import('@/views/events/EventRoi.vue') },
    { path: '/events/:id(\\d+)', name: 'event', component: () => import('@/views/events/EventPage.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/banquets', name: 'banquets', component: () => import('@/views/banquets/BanquetList.vue') },
    { path: '/banquets/new', name: 'banquet-new', component: () => import('@/views/banquets/BanquetForm.vue') },
    { path: '/banquets/:id(\\d+)', name: 'banquet', component: () => import('@/views/banquets/BanquetPage.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/banquets/:id(\\d+)/edit', name: 'banquet-edit', component: () => import('@/views/banquets/BanquetForm.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/communities', name: 'communities', component: () => import('@/views/communities/GroupList.vue') },
    { path: '/communities/:id(\\d+)', name: 'community', component: () => import('@/views/communities/GroupDetail.vue'), props: (r) => ({ id: Number(r.params.id) }) },
    { path: '/claims', name: 'claims', component: () => import('@/views/claims/ClaimsView.vue') },
    { path: '/coupons', name: 'coupons', component: () => import('@/views/coupons/CouponsView.vue') },
    { path: '/imports', name: 'imports', component: () => import('@/views/imports/ImportView.vue') },
    { path: '/reports', name: 'reports', component: () => import('@/views/reports/ReportsView.vue'), meta: { roles: ['owner', 'manager'] } },
    { path: '/wallet', name: 'wallet', component: () => import('@/views/wallet/LiabilityView.vue'), meta: { roles: ['owner', 'manager'] } },
    { path: '/wallet/agreement', name: 'wallet-agreement', component: () => import('@/views/wallet/AgreementPrint.vue') },
    { path: '/settings', name: 'settings', component: () => import('@/views/settings/SettingsView.vue') },
    { path: '/staff', name: 'staff', component: () => import('@/views/staff/StaffView.vue'), meta: { roles: ['owner'] } },
    { path: '/audit', name: 'audit', component: () => import('@/views/staff/AuditView.vue'), meta: { roles: ['owner'] } },
    { path: '/setup', name: 'setup', component: () => import('@/views/auth/SetupView.vue'), meta: { public: true } },
    { path: '/signin', name: 'signin', component: () => import('@/views/auth/SignInView.vue'), meta: { public: true } },
    { path: '/:rest(.*)*', redirect: '/' },
  ],
})

// Setup first, then sign-in; owner-only pages for the owner (src/auth/guard.ts).
router.beforeEach(authGuard)
