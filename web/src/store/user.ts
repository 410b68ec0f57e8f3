// The signed-in user (what /api/me says), loaded once at start-up and after every login.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import * as authApi from '@/api/auth'
import type { Me } from '@/api/auth'
import { ApiError, setCsrfToken } from '@/utils/request'
import { isSiteRole } from '@/utils/dict'

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

  function setMe(value: Me | null) {
    me.value = value
    setCsrfToken(value?.csrf_token ?? null)
    loaded.value = true
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

  return { me, loaded, loggedIn, role, needsContract, setMe, fetchMe, ensureLoaded, afterLogin, logout, clear }
})
