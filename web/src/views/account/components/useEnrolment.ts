// State and calls of enrolling a second factor (the login's setup stage and 账号安全): a new key with its QR
// code, the app's first code to confirm it, then the recovery codes, shown once, to keep.
import { computed, onMounted, ref } from 'vue'
import { useRouter } from 'vue-router'
import { ElMessage } from 'element-plus'
import { confirmSecondFactor, enrolSecondFactor, type Enrolment } from '@/api/account'
import type { Me } from '@/api/auth'
import { useUserStore } from '@/store/user'
import { copyText } from '@/utils/clipboard'
import { saveBlob } from '@/utils/file'
import { formatDateTime } from '@/utils/format'
import { ApiError } from '@/utils/request'
import { APP_TITLE } from '@/config/app'
import { groupSecret, normalizeTotpCode, totpCodeProblem } from './rule'

export type EnrolPhase = 'loading' | 'failed' | 'scan' | 'codes'

export function useEnrolment() {
  const user = useUserStore()
  const router = useRouter()
  const phase = ref<EnrolPhase>('loading')
  const enrolment = ref<Enrolment | null>(null)
  const code = ref('')
  const codeError = ref('')
  const confirming = ref(false)
  /** The server's reason when the enrolment could not start. */
  const loadError = ref('')
  const recoveryCodes = ref<string[]>([])
  /** The identity after the confirmation, handed on once the user has kept the codes. */
  const confirmedMe = ref<Me | null>(null)
  const saved = ref(false)

  const secretGroups = computed(() => groupSecret(enrolment.value?.secret ?? ''))

  async function start() {
    phase.value = 'loading'
    loadError.value = ''
    try {
      enrolment.value = await enrolSecondFactor()
      code.value = ''
      codeError.value = ''
      phase.value = 'scan'
    } catch (error) {
      loadError.value = error instanceof ApiError ? error.message : '无法生成密钥，请稍后重试'
      phase.value = 'failed'
    }
  }

  function onCodeInput(value: string) {
    code.value = normalizeTotpCode(value)
    codeError.value = ''
  }

  async function confirm() {
    const problem = totpCodeProblem(code.value)
    if (problem) {
      codeError.value = problem
      return
    }
    confirming.value = true
    codeError.value = ''
    try {
      const answer = await confirmSecondFactor(code.value)
      recoveryCodes.value = answer.recovery_codes
      confirmedMe.value = answer.me
      phase.value = 'codes'
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 422)) {
        codeError.value = error.details.fields?.code ?? error.message
        code.value = ''
        // A 401 may also be a session that has ended: then there is nothing left to do here.
        if (error.status === 401 && !(await user.fetchMe().catch(() => null))) {
          ElMessage.error('登录已失效，请重新登录')
          await router.replace({ name: 'login' })
        }
      }
    } finally {
      confirming.value = false
    }
  }

  function copySecret() {
    void copyText(enrolment.value?.secret ?? '', '密钥')
  }

  function copyCodes() {
    void copyText(recoveryCodes.value.join('\n'), '恢复码')
  }

  /** The codes as a text file (Windows line ends: it opens in Notepad as well). */
  function downloadCodes() {
    const me = user.me
    const who = me?.username ? `${me.username}（${me.display_name}）` : me?.display_name ?? ''
    const lines = [
      `${APP_TITLE} — 恢复码`,
      `账号：${who}`,
      `生成时间：${formatDateTime(new Date().toISOString())}`,
      '每个恢复码只能使用一次，可在无法使用身份验证器时代替动态口令登录。请妥善保存，不要告诉他人。',
      '',
      ...recoveryCodes.value,
      '',
    ]
    const name = `恢复码-${me?.username ?? 'account'}.txt`
    saveBlob(new Blob(['\ufeff' + lines.join('\r\n')], { type: 'text/plain;charset=utf-8' }), name)
  }

  onMounted(start)

  return {
    phase, enrolment, code, codeError, confirming, loadError, recoveryCodes, confirmedMe, saved, secretGroups,
    start, onCodeInput, confirm, copySecret, copyCodes, downloadCodes,
  }
}
