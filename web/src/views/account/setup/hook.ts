// State and calls of 账号安全设置, the password login's setup stage (`me.setup`): the second factor's code (or a
// recovery code), then a forced password change, then the enrolment of a second factor. Each step's answer
// is the session's new identity; when nothing is left the user goes on to the page it asked for.
import { computed, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ElMessage, ElMessageBox } from 'element-plus'
import * as authApi from '@/api/auth'
import type { Me } from '@/api/auth'
import { homePathFor } from '@/config/menu'
import { safeRedirect } from '@/router/redirect'
import { useUserStore } from '@/store/user'
import { SETUP_STAGE_LABELS } from '@/utils/dict'
import { ApiError } from '@/utils/request'
import { normalizeRecoveryCode, normalizeTotpCode, recoveryCodeProblem, totpCodeProblem } from '../components/rule'
import { passwordChangeReason } from './rule'

export function useAccountSetup() {
  const route = useRoute()
  const router = useRouter()
  const user = useUserStore()

  const stage = computed(() => user.setup)
  const title = computed(() => (stage.value ? SETUP_STAGE_LABELS[stage.value] : '账号安全设置'))
  const reason = computed(() => passwordChangeReason(user.me))

  /** After a step: the new identity; on to the next stage, or into the app when the session is whole. */
  async function onStageDone(me: Me | null) {
    if (me) user.applyMe(me)
    else await user.fetchMe().catch(() => undefined)
    if (!user.loggedIn) {
      await router.replace({ name: 'login' })
      return
    }
    if (!user.needsSetup) await router.replace(safeRedirect(route.query.redirect) ?? homePathFor(user.role))
  }

  // Stage second_factor: the app's code, or one of the recovery codes.
  const useRecovery = ref(false)
  const code = ref('')
  const recoveryCode = ref('')
  const verifyError = ref('')
  const verifying = ref(false)

  function onCodeInput(value: string) {
    code.value = normalizeTotpCode(value)
    verifyError.value = ''
  }

  function toggleRecovery() {
    useRecovery.value = !useRecovery.value
    verifyError.value = ''
  }

  async function verify() {
    const typed = useRecovery.value ? normalizeRecoveryCode(recoveryCode.value) : code.value
    const problem = useRecovery.value ? recoveryCodeProblem(typed) : totpCodeProblem(typed)
    if (problem) {
      verifyError.value = problem
      return
    }
    verifying.value = true
    verifyError.value = ''
    try {
      const answer = await authApi.verifySecondFactor(useRecovery.value ? { recovery_code: typed } : { code: typed })
      await onStageDone(answer.me)
    } catch (error) {
      code.value = ''
      recoveryCode.value = ''
      if (!(error instanceof ApiError)) return
      if (error.status === 423) {
        // Locked after too many wrong codes: the server has ended the session.
        await ElMessageBox.alert(error.message, '账号已锁定', { type: 'error', confirmButtonText: '返回登录' })
          .catch(() => undefined)
        user.clear()
        await router.replace({ name: 'login' })
        return
      }
      verifyError.value = error.details.fields?.code ?? error.details.fields?.recovery_code ?? error.message
      // A 401 is a wrong code unless the session itself has ended meanwhile.
      if (error.status === 401 && !(await user.fetchMe().catch(() => null))) {
        ElMessage.warning('登录已失效，请重新登录')
        await router.replace({ name: 'login' })
      }
    } finally {
      verifying.value = false
    }
  }

  async function logout() {
    try {
      await ElMessageBox.confirm('确定退出登录吗？', '提示', {
        type: 'warning', confirmButtonText: '退出登录', cancelButtonText: '取消',
      })
    } catch {
      return
    }
    await user.logout().catch(() => undefined)
    await router.replace({ name: 'login', query: { tab: 'password' } })
  }

  return {
    user, stage, title, reason, onStageDone,
    useRecovery, code, recoveryCode, verifyError, verifying, onCodeInput, toggleRecovery, verify, logout,
  }
}
