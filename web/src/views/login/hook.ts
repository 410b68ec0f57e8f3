// State and calls of the login page: certificate, site-user SMS and password logins.
import { reactive, ref, useTemplateRef } from 'vue'
import { useRoute, useRouter, type Router } from 'vue-router'
import type { FormInstance } from 'element-plus'
import * as authApi from '@/api/auth'
import type { LoginAnswer, SmsRole } from '@/api/auth'
import { homePathFor } from '@/config/menu'
import { safeRedirect } from '@/router/redirect'
import { useUserStore } from '@/store/user'
import { useCountdown } from '@/utils/countdown'
import { isAccountRole, isSiteRole } from '@/utils/dict'
import { normalizeIdNumber } from '@/utils/idcard'
import { ApiError } from '@/utils/request'

export type LoginTab = 'certificate' | 'site' | 'password'
export const LOGIN_TABS: LoginTab[] = ['certificate', 'site', 'password']

/**
 * The tab of the users a page is for: a link into 月度复核 (or an expired session on it) comes back to the SMS
 * login, one into the authority's pages to the password login, one into the enterprises' to the certificate.
 * Null for pages several kinds of user share (综合信息) or any signed-in user may open.
 */
export function tabForPage(router: Router, target: string | null): LoginTab | null {
  if (!target) return null
  let roles: readonly string[] | undefined
  try {
    roles = router.resolve(target).meta.roles
  } catch {
    return null
  }
  if (!roles?.length) return null
  if (roles.every(isSiteRole)) return 'site'
  if (roles.every(isAccountRole)) return 'password'
  if (roles.every((r) => r === 'contractor' || r === 'supervisor')) return 'certificate'
  return null
}

/**
 * After a login answer: keep the session, then on to the setup stage (second factor, password change,
 * enrolment), the contract picker or the page asked for.
 */
function useFinishLogin() {
  const router = useRouter()
  const route = useRoute()
  const user = useUserStore()

  return async function finishLogin(answer: LoginAnswer) {
    await user.afterLogin(answer)
    const redirect = safeRedirect(route.query.redirect)
    if (user.needsSetup) {
      await router.replace({ name: 'account-setup', query: redirect ? { redirect } : {} })
    } else if (user.needsContract) {
      await router.replace({ name: 'contract', query: redirect ? { redirect } : {} })
    } else {
      await router.replace(redirect ?? homePathFor(user.role))
    }
  }
}

/** Error shown in the form: the server's message, and per-field reasons from a 422. */
function useFormError() {
  const message = ref('')
  const fields = reactive<Record<string, string>>({})

  function clear() {
    message.value = ''
    for (const key of Object.keys(fields)) delete fields[key]
  }

  function show(error: unknown) {
    clear()
    if (error instanceof ApiError) {
      message.value = error.message
      Object.assign(fields, error.details.fields ?? {})
    } else {
      message.value = '登录失败，请稍后重试'
    }
  }

  return { message, fields, clear, show }
}

export function useCertificateLogin() {
  const finishLogin = useFinishLogin()
  const error = useFormError()
  const loading = ref(false)
  const insecure = window.location.protocol !== 'https:'

  async function login() {
    error.clear()
    loading.value = true
    try {
      await finishLogin(await authApi.loginWithCertificate())
    } catch (e) {
      error.show(e)
    } finally {
      loading.value = false
    }
  }

  return { loading, error, insecure, login }
}

export function usePasswordLogin() {
  const finishLogin = useFinishLogin()
  const error = useFormError()
  const formRef = useTemplateRef<FormInstance>('pwdFormEl')
  const form = reactive({ username: '', password: '' })
  const loading = ref(false)

  async function login() {
    if (!(await formRef.value?.validate().catch(() => false))) return
    error.clear()
    loading.value = true
    try {
      await finishLogin(await authApi.loginWithPassword(form.username.trim(), form.password))
    } catch (e) {
      error.show(e)
      form.password = ''
    } finally {
      loading.value = false
    }
  }

  return { form, loading, error, login }
}

export const SITE_ROLE_OPTIONS: { value: SmsRole; label: string }[] = [
  { value: 'site_contractor', label: '施工总包项目负责人' },
  { value: 'site_supervisor', label: '监理项目负责人' },
  // An enterprise's clerk: acts for it on the projects its certificate holder gave him (no contract to choose).
  { value: 'clerk', label: '企业办事员' },
]

export function useSiteLogin() {
  const finishLogin = useFinishLogin()
  const error = useFormError()
  const formRef = useTemplateRef<FormInstance>('siteFormEl')
  const form = reactive({ role: 'site_contractor' as SmsRole, name: '', id_number: '', code: '' })
  const sending = ref(false)
  const loading = ref(false)
  const sentHint = ref('')
  const countdown = useCountdown()

  function identity(): authApi.SiteIdentity {
    return { role: form.role, name: form.name.trim(), id_number: normalizeIdNumber(form.id_number) }
  }

  async function sendCode() {
    if (countdown.running.value) return
    const ok = await formRef.value?.validateField(['role', 'name', 'id_number']).catch(() => false)
    if (!ok) return
    error.clear()
    sentHint.value = ''
    sending.value = true
    try {
      const answer = await authApi.requestSmsCode(identity())
      const minutes = Math.max(1, Math.round(answer.expires_in / 60))
      const who = form.role === 'clerk' ? '企业办事员' : '该类合同的项目负责人'
      sentHint.value = `若姓名、身份证号无误且您是${who}，动态密码已发送至您在实名制系统登记的手机，${minutes} 分钟内有效`
      countdown.start(answer.resend_after || 60)
    } catch (e) {
      error.show(e)
      // Too many requests: the server says when to try again; the button counts down to it.
      if (e instanceof ApiError && e.status === 429 && typeof e.details.retry_after === 'number') {
        countdown.start(e.details.retry_after)
      }
    } finally {
      sending.value = false
    }
  }

  async function login() {
    if (!(await formRef.value?.validate().catch(() => false))) return
    error.clear()
    loading.value = true
    try {
      await finishLogin(await authApi.loginWithSmsCode(identity(), form.code.trim()))
    } catch (e) {
      error.show(e)
      form.code = '' // a refused code is of no further use (after 5 tries the server burns it)
    } finally {
      loading.value = false
    }
  }

  return { form, sending, loading, sentHint, countdown, error, sendCode, login }
}
