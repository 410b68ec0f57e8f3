// The signed-in user (what /api/me says), loaded once at start-up and after every login; whether the session
// still has a step to take first (a site user's contract, a password login's setup stage); what a clerk may do.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import type { ClerkAction, Me } from '@/api/auth'
import { ApiError, setCsrfToken } from '@/utils/request'
import { isSiteRole, type SetupStage } from '@/utils/dict'
import { forgetNotices } from '@/utils/sessionNotice'

export const useUserStore = defineStore('user', () => {
  const me = ref<Me | null>(null)
  /** True once the session probe has answered (signed in or not). */
  const loaded = ref(false)

  const loggedIn = computed(() => me.value !== null)
  const role = computed(() => me.value?.role ?? null)
  /** A site user must pick a contract before using the app. */
  const needsContract = computed(
    () => me.value !== null && isSiteRole(me.value.role) && (!me.value.contract || me.value.contract_pending === true),
  )

  /** A password login whose session is not whole yet: what is left (second factor, password, enrolment). */
  const setup = computed<SetupStage | null>(() => me.value?.setup ?? null)
  const needsSetup = computed(() => setup.value !== null)

  /** 企业办事员: acting for the enterprise on the projects and actions its certificate holder gave him. */
  const isClerk = computed(() => Boolean(me.value?.clerk))

  /**
   * Whether the user may take a clerk's action (申报, 月度评价, 竣工/中止/终止申请, 整改回复, 申报复核): a clerk only
   * those he was given, anybody else always (their role decides, as before). Only the creation buttons ask: a
   * record's own `actions` already leave out what a clerk was not given, and the server refuses it (403) anyway.
   */
  function clerkMay(action: ClerkAction): boolean {
    const clerk = me.value?.clerk
    return !clerk || clerk.actions.includes(action)
  }

  function setMe(value: Me | null) {
    me.value = value
    setCsrfToken(value?.csrf_token ?? null)
    loaded.value = true
  }

  /** The identity a setup step or a password change answered with (its CSRF token kept if it has none). */
  function applyMe(value: Me) {
    setMe({ ...value, csrf_token: value.csrf_token || me.value?.csrf_token || '' })
  }

  /** Asks the server who we are; a 401 simply means "not signed in". */
  async function fetchMe(): Promise<Me | null> {
    try {
      setMe(await authApi.getMe())
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setMe(null)
      else {
        loaded.value = true
        throw error
      }
    }
    return me.value
  }

  async function ensureLoaded(): Promise<void> {
    if (!loaded.value) await fetchMe().catch(() => undefined)
  }

  /** After any successful login: keep the answer, then read the session back (CSRF token included). */
  async function afterLogin(answer: authApi.LoginAnswer): Promise<Me | null> {
    forgetNotices()
    setMe(answer.me)
    return fetchMe()
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      clear()
    }
  }

  /** Forgets the user locally (after logout or an expired session). */
  function clear() {
    setMe(null)
  }

  return {
    me, loaded, loggedIn, role, needsContract, setup, needsSetup, isClerk, clerkMay,
    setMe, applyMe, fetchMe, ensureLoaded, afterLogin, logout, clear,
  }
})
