// Routes (the app's pages come from the menu config, which names each page by its folder under src/views) and
// the guard: sign-in, a password login's setup stage (second factor, password change, enrolment), the site
// user's contract choice, each page's roles, and the certificate holder's own pages (not a clerk's).
import { defineComponent, h, type Component } from 'vue'
import { createRouter, createWebHistory, type RouteComponent, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import { APP_TITLE } from '@/config/app'
import { HIDDEN_PAGES, homePathFor, readyItems, type MenuItem } from '@/config/menu'
import { useUserStore } from '@/store/user'
import type { Role } from '@/utils/dict'
import { safeRedirect } from './redirect'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    /** Roles allowed; absent means every signed-in role. */
    roles?: readonly Role[]
    /** Reachable without a session. */
    public?: boolean
    /** The menu entry to highlight, per role (pages not in the menu). */
    menuPath?: Partial<Record<Role, string>>
    /** The enterprise's certificate holder only, not its clerks (办事员管理). */
    holderOnly?: boolean
  }
}

// Every page, each loaded when first visited (its own chunk).
const PAGES = import.meta.glob<{ default: Component }>('../views/**/index.vue')

/** The component of a menu item's route; a page with fixed props gets a component of its own per route. */
function pageOf(item: MenuItem): () => Promise<RouteComponent> {
  const load = PAGES[`../views/${item.view}/index.vue`]
  if (!load) throw new Error(`menu: ${item.path} names a page that does not exist: src/views/${item.view}/index.vue`)
  const props = item.props
  if (!props) return load
  return () => load().then((page) => defineComponent({ setup: () => () => h(page.default, props) }))
}

const appPages: RouteRecordRaw[] = [
  ...readyItems().map((item) => ({
    path: item.path,
    component: pageOf(item),
    meta: { title: item.title, roles: item.roles, holderOnly: item.holderOnly },
  })),
  ...HIDDEN_PAGES.filter((page) => page.ready && page.view).map((page) => ({
    path: page.path,
    component: pageOf(page),
    meta: { title: page.title, roles: page.roles, menuPath: page.menuPath },
  })),
]

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('@/views/login/index.vue'), meta: { title: '登录', public: true } },
  {
    // While `me.setup` is set (a password login not whole yet) every route leads here.
    path: '/account/setup',
    name: 'account-setup',
    component: () => import('@/views/account/setup/index.vue'),
    meta: { title: '账号安全设置' },
  },
  {
    path: '/contract',
    name: 'contract',
    component: () => import('@/views/contract/index.vue'),
    meta: { title: '选择合同', roles: ['site_contractor', 'site_supervisor'] },
  },
  {
    path: '/',
    component: () => import('@/layout/index.vue'),
    children: [
      // The role's landing page, decided once the session is known (see the guard): a `redirect` here would
      // run before the session probe has answered.
      { path: '', name: 'home', component: { render: () => null } },
      ...appPages,
      { path: '403', name: 'forbidden', component: () => import('@/views/error/403.vue'), meta: { title: '无权访问' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/error/404.vue'), meta: { title: '页面不存在' } },
    ],
  },
]

const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

/**
 * On the app's first navigation the page's code is fetched while the session is asked for, instead of after it:
 * a route's lazy component is a loader function, and the router's own call later gets the same module.
 */
function preloadPages(to: RouteLocationNormalized) {
  for (const record of to.matched) {
    const component = record.components?.default
    if (typeof component === 'function') void (component as () => Promise<unknown>)().catch(() => undefined)
  }
}

router.beforeEach(async (to) => {
  const user = useUserStore()
  if (!user.loaded) preloadPages(to)
  await user.ensureLoaded()

  if (to.meta.public) {
    // A signed-in user has nothing to do on the login page.
    if (to.name === 'login' && user.loggedIn) {
      const redirect = safeRedirect(to.query.redirect)
      if (user.needsSetup) return { name: 'account-setup', query: redirect ? { redirect } : {} }
      if (user.needsContract) return { name: 'contract', query: to.query }
      return safeRedirect(to.query.redirect) ?? homePathFor(user.role)
    }
    return true
  }
  if (!user.loggedIn) return { name: 'login', query: { redirect: to.fullPath } }
  // The setup stage comes before anything else (the server refuses every other call meanwhile).
  if (user.needsSetup) return to.name === 'account-setup' ? true : { name: 'account-setup', query: { redirect: to.fullPath } }
  if (to.name === 'account-setup') return { path: safeRedirect(to.query.redirect) ?? homePathFor(user.role), replace: true }
  if (user.needsContract && to.name !== 'contract') return { name: 'contract', query: { redirect: to.fullPath } }
  if ((to.meta.roles && !(user.role && to.meta.roles.includes(user.role))) || (to.meta.holderOnly && user.isClerk)) {
    return { name: 'forbidden', replace: true }
  }
  if (to.name === 'home') return { path: homePathFor(user.role), replace: true }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - ${APP_TITLE}` : APP_TITLE
})

export default router
