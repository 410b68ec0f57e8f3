// State and calls of 参数设置 (系统管理员): the settings kept in the database and shared by every server process,
// read once, edited in a form grouped by section, saved as the fields that changed (confirmed, each listed old →
// new) and taken back by 重置. The server audits each change and every process applies it within seconds.
import { computed, h, reactive, ref, useTemplateRef, watch } from 'vue'
import { ElMessage, ElMessageBox, type FormInstance } from 'element-plus'
import { getSettings, updateSettings, type SettingKey, type Settings } from '@/api/admin'
import { formatDateTime } from '@/utils/format'
import { ApiError } from '@/utils/request'
import { DEPENDENT_FIELDS, type SettingsForm } from './rule'

export const EFFECT_NOTE = '保存后数秒内在所有服务进程生效'

const numberFormat = new Intl.NumberFormat('zh-CN', { useGrouping: true, maximumFractionDigits: 0 })

/** Each setting's name and how a value of it reads (in the confirmation and the audit's spirit: old → new). */
export const FIELDS: { key: SettingKey; label: string; text: (s: Settings) => string }[] = [
  { key: 'submit_deadline_day', label: '自评提交截止日', text: (s) => `次月 ${s.submit_deadline_day} 日` },
  { key: 'review_deadline_day', label: '复核截止日', text: (s) => `次月 ${s.review_deadline_day} 日` },
  { key: 'grade_excellent', label: '优良分数线', text: (s) => `${s.grade_excellent.toFixed(2)} 分` },
  { key: 'grade_qualified', label: '合格分数线', text: (s) => `${s.grade_qualified.toFixed(2)} 分` },
  { key: 'agreement_threshold', label: '抽查比对一致率阈值', text: (s) => `${s.agreement_threshold.toFixed(2)}%` },
  { key: 'reminder_time', label: '逾期提醒短信发送时间', text: (s) => (s.reminder_time === 'off' ? '关闭' : s.reminder_time) },
  { key: 'session_idle_minutes', label: '会话空闲超时', text: (s) => `${s.session_idle_minutes} 分钟` },
  { key: 'session_absolute_hours', label: '会话最长时长', text: (s) => `${s.session_absolute_hours} 小时` },
  { key: 'export_row_limit', label: '导出行数上限', text: (s) => `${numberFormat.format(s.export_row_limit)} 行` },
  { key: 'public_url', label: '打印件二维码地址', text: (s) => s.public_url || '（空：使用访问地址）' },
  { key: 'second_factor', label: '第二重验证（动态口令）', text: (s) => (s.second_factor === 'required' ? '必须绑定' : '已绑定者验证') },
  { key: 'password_max_age_days', label: '密码有效期', text: (s) => (s.password_max_age_days ? `${s.password_max_age_days} 天` : '不过期') },
  { key: 'max_sessions_per_account', label: '同一账号最多会话数', text: (s) => `${s.max_sessions_per_account} 个` },
  { key: 'log_retention_days', label: '登录日志保存天数', text: (s) => `${s.log_retention_days} 天` },
]

/** The form's prop of a setting (the reminder is a switch and a time). */
export function propOf(key: string): string {
  return key === 'reminder_time' ? 'reminder_at' : key === 'second_factor' ? 'second_factor_required' : key
}

const NUMBER_KEYS = [
  'submit_deadline_day', 'review_deadline_day', 'grade_excellent', 'grade_qualified', 'agreement_threshold',
  'session_idle_minutes', 'session_absolute_hours', 'export_row_limit',
  'password_max_age_days', 'max_sessions_per_account', 'log_retention_days',
] as const

/** The answer as numbers and texts (a decimal may come as "80.00"). */
function normalise(answer: Settings): Settings {
  const s = { ...answer }
  for (const key of NUMBER_KEYS) s[key] = Number(answer[key])
  s.reminder_time = String(answer.reminder_time ?? 'off')
  s.public_url = String(answer.public_url ?? '')
  s.second_factor = answer.second_factor === 'optional' ? 'optional' : 'required'
  return s
}

function toForm(s: Settings): SettingsForm {
  const on = s.reminder_time !== 'off'
  return {
    submit_deadline_day: s.submit_deadline_day,
    review_deadline_day: s.review_deadline_day,
    grade_excellent: s.grade_excellent,
    grade_qualified: s.grade_qualified,
    agreement_threshold: s.agreement_threshold,
    reminder_on: on,
    reminder_at: on ? s.reminder_time : '09:00',
    session_idle_minutes: s.session_idle_minutes,
    session_absolute_hours: s.session_absolute_hours,
    export_row_limit: s.export_row_limit,
    public_url: s.public_url,
    second_factor_required: s.second_factor !== 'optional',
    password_max_age_days: s.password_max_age_days,
    max_sessions_per_account: s.max_sessions_per_account,
    log_retention_days: s.log_retention_days,
  }
}

function fromForm(f: SettingsForm): Settings {
  return {
    submit_deadline_day: f.submit_deadline_day ?? 0,
    review_deadline_day: f.review_deadline_day ?? 0,
    grade_excellent: f.grade_excellent ?? 0,
    grade_qualified: f.grade_qualified ?? 0,
    agreement_threshold: f.agreement_threshold ?? 0,
    reminder_time: f.reminder_on ? f.reminder_at : 'off',
    session_idle_minutes: f.session_idle_minutes ?? 0,
    session_absolute_hours: f.session_absolute_hours ?? 0,
    export_row_limit: f.export_row_limit ?? 0,
    public_url: f.public_url.trim(),
    second_factor: f.second_factor_required ? 'required' : 'optional',
    password_max_age_days: f.password_max_age_days ?? 0,
    max_sessions_per_account: f.max_sessions_per_account ?? 0,
    log_retention_days: f.log_retention_days ?? 0,
  }
}

/** The settings whose value differs (a decimal compared to the hundredth). */
function changedKeys(before: Settings, after: Settings): SettingKey[] {
  return FIELDS.map((f) => f.key).filter((key) => {
    const a = before[key]
    const b = after[key]
    return typeof a === 'number' && typeof b === 'number' ? Math.round(a * 100) !== Math.round(b * 100) : a !== b
  })
}

export function useSettings() {
  const formRef = useTemplateRef<FormInstance>('settingsFormEl')
  const loaded = ref<Settings | null>(null)
  const form = reactive<SettingsForm>(toForm({
    submit_deadline_day: 10, review_deadline_day: 15, grade_excellent: 80, grade_qualified: 70, agreement_threshold: 80,
    reminder_time: '09:00', session_idle_minutes: 30, session_absolute_hours: 12, export_row_limit: 100_000, public_url: '',
    second_factor: 'required', password_max_age_days: 90, max_sessions_per_account: 3, log_retention_days: 365,
  }))
  const loading = ref(false)
  const saving = ref(false)
  /** The server's 422 reasons, by the form's props. */
  const fieldErrors = reactive<Record<string, string>>({})

  const changed = computed(() => (loaded.value ? changedKeys(loaded.value, fromForm(form)) : []))

  // A server's reason stays under its field until that field is edited.
  for (const key of Object.keys(form) as (keyof SettingsForm)[]) {
    watch(() => form[key], () => delete fieldErrors[key === 'reminder_on' ? 'reminder_at' : key])
  }

  function clearServerErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  function show(s: Settings) {
    loaded.value = s
    Object.assign(form, toForm(s))
    formRef.value?.clearValidate()
  }

  async function load() {
    loading.value = true
    clearServerErrors()
    try {
      show(normalise(await getSettings()))
    } catch {
      // shown by the request module
    } finally {
      loading.value = false
    }
  }

  /** 重置: back to the values last read (or saved). */
  function reset() {
    clearServerErrors()
    if (loaded.value) show(loaded.value)
  }

  /** The confirmation: every changed setting, old → new. */
  function confirmChanges(before: Settings, after: Settings, keys: SettingKey[]): Promise<boolean> {
    const rows = FIELDS.filter((f) => keys.includes(f.key)).map((f) =>
      h('li', { 'data-test': `change-${f.key}` }, [
        h('b', f.label), '：', f.text(before), ' → ', h('span', { class: 'settings-new-value' }, f.text(after)),
      ]))
    const message = h('div', [
      h('p', { style: 'margin: 0 0 6px' }, `确定保存以下 ${keys.length} 项修改吗？`),
      h('ul', { style: 'margin: 0 0 6px; padding-left: 20px; line-height: 1.8' }, rows),
      h('p', { style: 'margin: 0; color: var(--el-text-color-secondary); font-size: 12px' }, `${EFFECT_NOTE}，并记入审计日志。`),
    ])
    // A list does not fit confirmAction's one-line text; the same box otherwise.
    return ElMessageBox.confirm(message, '提示', { type: 'warning', confirmButtonText: '保存', cancelButtonText: '取消' })
      .then(() => true, () => false)
  }

  async function save() {
    const before = loaded.value
    if (!before || saving.value) return
    clearServerErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return
    const after = fromForm(form)
    const keys = changedKeys(before, after)
    if (keys.length === 0) {
      ElMessage.info('没有修改')
      return
    }
    if (!(await confirmChanges(before, after, keys))) return
    saving.value = true
    try {
      const change = Object.fromEntries(keys.map((key) => [key, after[key]])) as Partial<Settings>
      show(normalise(await updateSettings(change)))
      ElMessage.success(`已保存，${EFFECT_NOTE}`)
    } catch (error) {
      if (error instanceof ApiError && error.status === 422) {
        const fields = Object.entries(error.details.fields ?? {}).map(([k, v]) => [propOf(k.replace(/^\$\./, '')), v] as const)
        const known = new Set<string>([...FIELDS.map((f) => propOf(f.key))])
        for (const [prop, reason] of fields) if (known.has(prop)) fieldErrors[prop] = reason
        const other = fields.find(([prop]) => !known.has(prop))
        if (fields.length === 0 || other) ElMessage.error(other?.[1] ?? error.message)
      }
    } finally {
      saving.value = false
    }
  }

  /**
   * The newest change the server reports (its `meta`): "最近修改 2026-03-05 09:07 系统管理员：优良分数线、合格分数线";
   * '' when it reports none.
   */
  const lastChange = computed(() => {
    const meta = loaded.value?.meta
    if (!meta) return ''
    const dated = FIELDS.map((f) => ({ ...meta[f.key], label: f.label })).filter((m) => m.updated_at)
    if (dated.length === 0) return ''
    const at = dated.map((m) => m.updated_at as string).sort().at(-1) as string
    const newest = dated.filter((m) => m.updated_at === at)
    const by = newest[0].updated_by ? ` ${newest[0].updated_by}` : ''
    const what = newest.length === FIELDS.length ? '全部参数' : newest.map((m) => m.label).join('、')
    return `最近修改 ${formatDateTime(at).slice(0, 16)}${by}：${what}`
  })

  /** A field that another's rule reads has changed: that one is checked again (e.g. 优良 after 合格). */
  function revalidateDependents(key: keyof SettingsForm) {
    const dependents = DEPENDENT_FIELDS[key]
    if (dependents) void formRef.value?.validateField(dependents).catch(() => undefined)
  }

  return { form, loaded, loading, saving, fieldErrors, changed, lastChange, load, reset, save, revalidateDependents }
}
