// State and calls of the 申报 dialog (施工企业): pick a declarable project (create) or load the
// declaration (edit), fill the form, pick both managers from the registry persons of each contract's
// enterprise (issue 26: no mobile typed), 保存并退出. The server's 422 reasons appear under their fields.
import { computed, reactive, ref, useTemplateRef } from 'vue'
import { ElMessage, type FormInstance } from 'element-plus'
import {
  createDeclaration, getDeclaration, listDeclarationManagers, updateDeclaration,
  type Declaration, type DeclarationInput, type Manager, type ManagerChoice,
} from '@/api/declarations'
import { listProjects, type Project } from '@/api/registry'
import type { Id } from '@/api/auth'
import { ApiError } from '@/utils/request'
import { STALE_MESSAGE } from '@/utils/actions'
import { declarationFormRules, type DeclarationForm } from './rule'

export type ManagerSide = 'contractor_manager' | 'supervision_manager'
const SIDES: readonly ManagerSide[] = ['contractor_manager', 'supervision_manager']

/** A person the manager select offers; `current`: the declaration's stored manager, no longer listed. */
export interface ManagerOption extends ManagerChoice {
  current?: boolean
}

/** The project's registry data shown read-only in the form. */
export interface ProjectInfo {
  registration_no: string
  name: string
  address: string
  district: string
  authority: string
  structure_type: string
  floor_area: number
  planned_start: string
  planned_finish: string
  general: { name: string; report_no: string } | null
  supervision: { name: string; report_no: string } | null
}

function emptyForm(): DeclarationForm {
  return {
    project_id: '',
    quality_target: '',
    planned_start: '',
    planned_finish: '',
    overview: '',
    contractor_manager: '',
    supervision_manager: '',
  }
}

export function useDeclarationForm(onSaved: (declaration: Declaration | null) => void) {
  const formRef = useTemplateRef<FormInstance>('declarationFormEl')
  const form = reactive<DeclarationForm>(emptyForm())
  /** The declaration being edited; null when declaring a new project. */
  const editing = ref<Declaration | null>(null)
  const creating = computed(() => editing.value === null)
  const loading = ref(false)
  const saving = ref(false)
  /** The server's refusal not tied to a field. */
  const message = ref('')
  /** The server's 422 reasons by field path (`contractor_manager.mobile`, …). */
  const fieldErrors = reactive<Record<string, string>>({})

  // The project picker (create): the contractor's declarable projects, searched on the server.
  const projectOptions = ref<Project[]>([])
  const projectsLoading = ref(false)
  const selectedProject = ref<Project | null>(null)
  let projectSeq = 0

  // The managers: the registry persons of the enterprise holding each contract (GET
  // /api/declarations/managers), read when the project is known; `choicesFor` is the project they are of.
  const choices = reactive<Record<ManagerSide, ManagerChoice[]>>({ contractor_manager: [], supervision_manager: [] })
  const choicesLoading = ref(false)
  const choicesFor = ref<Id | null>(null)
  let choicesSeq = 0
  /** The declaration's managers when editing (kept unless the user picks another). */
  const stored = reactive<Record<ManagerSide, Manager | null>>({ contractor_manager: null, supervision_manager: null })

  /** On edit a manager is sent only when the user picked another; on create always. */
  function sendsManager(side: ManagerSide): boolean {
    if (creating.value) return true
    return form[side] !== '' && form[side] !== stored[side]?.person_id
  }

  /** The select's options: the listed persons, and the stored manager if it is not among them. */
  function managerOptions(side: ManagerSide): ManagerOption[] {
    const listed: ManagerOption[] = choices[side]
    const current = stored[side]
    if (!current?.person_id || listed.some((c) => c.id === current.person_id)) return listed
    return [...listed, { id: current.person_id, name: current.name, mobile_masked: current.mobile_masked, contract_manager: false, current: true }]
  }

  const rules = declarationFormRules(form, () => creating.value)

  const projectInfo = computed<ProjectInfo | null>(() => {
    const d = editing.value
    if (d) {
      return {
        ...d.project,
        authority: d.project.authority?.name ?? '',
        general: { name: d.general.enterprise.name, report_no: d.general.report_no },
        supervision: d.supervision ? { name: d.supervision.enterprise.name, report_no: d.supervision.report_no } : null,
      }
    }
    const p = selectedProject.value
    if (!p) return null
    return {
      ...p,
      authority: p.authority?.name ?? '',
      general: p.general ? { name: p.general.enterprise.name, report_no: p.general.report_no } : null,
      supervision: p.supervision ? { name: p.supervision.enterprise.name, report_no: p.supervision.report_no } : null,
    }
  })

  function clearServerErrors() {
    message.value = ''
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  async function searchProjects(q: string) {
    const seq = ++projectSeq
    projectsLoading.value = true
    try {
      const answer = await listProjects({ declarable: true, q: q.trim(), page_size: 50 })
      if (seq === projectSeq) projectOptions.value = answer.items
    } catch {
      // shown by the request module
    } finally {
      if (seq === projectSeq) projectsLoading.value = false
    }
  }

  function clearChoices() {
    ++choicesSeq
    choicesLoading.value = false
    choicesFor.value = null
    for (const side of SIDES) choices[side] = []
  }

  /** Reads the project's manager choices; on create the contracts' own managers are the starting picks. */
  async function loadChoices(projectId: Id) {
    const seq = ++choicesSeq
    choicesLoading.value = true
    try {
      const answer = await listDeclarationManagers(projectId)
      if (seq !== choicesSeq) return
      choices.contractor_manager = answer.general
      choices.supervision_manager = answer.supervision
      choicesFor.value = projectId
      if (creating.value) {
        for (const side of SIDES) {
          if (form[side] === '') form[side] = choices[side].find((c) => c.contract_manager)?.id ?? ''
        }
      }
    } catch {
      // shown by the request module
    } finally {
      if (seq === choicesSeq) choicesLoading.value = false
    }
  }

  /** A project picked: its plan dates and its contracts' managers are the starting values. */
  function onProjectChange(id: Id | '') {
    const project = projectOptions.value.find((p) => p.id === id) ?? null
    selectedProject.value = project
    delete fieldErrors.project_id
    for (const side of SIDES) form[side] = ''
    clearChoices()
    if (!project) return
    form.planned_start = project.planned_start ?? ''
    form.planned_finish = project.planned_finish ?? ''
    void loadChoices(project.id)
  }

  /** A manager picked: the server's reason for the previous pick no longer applies. */
  function onManagerChange(side: ManagerSide) {
    for (const key of Object.keys(fieldErrors)) if (key === side || key.startsWith(`${side}.`)) delete fieldErrors[key]
  }

  /** Opens the form: a new declaration (`id` null) or an existing one, read fresh from the server. */
  async function open(id: Id | null): Promise<boolean> {
    clearServerErrors()
    Object.assign(form, emptyForm())
    editing.value = null
    selectedProject.value = null
    clearChoices()
    for (const side of SIDES) stored[side] = null
    formRef.value?.clearValidate()
    if (id === null) {
      void searchProjects('')
      return true
    }
    loading.value = true
    try {
      const d = await getDeclaration(id)
      editing.value = d
      Object.assign(form, {
        project_id: d.project.id,
        quality_target: d.quality_target ?? '',
        planned_start: d.planned_start ?? '',
        planned_finish: d.planned_finish ?? '',
        overview: d.overview ?? '',
      })
      for (const side of SIDES) {
        stored[side] = d[side] ?? null
        form[side] = d[side]?.person_id ?? ''
      }
      void loadChoices(d.project.id)
      return true
    } catch {
      return false
    } finally {
      loading.value = false
    }
  }

  function input(): DeclarationInput {
    const manager = (side: ManagerSide) => ({ person_id: form[side] as Id })
    const body: DeclarationInput = {
      quality_target: form.quality_target.trim(),
      planned_start: form.planned_start,
      planned_finish: form.planned_finish,
      overview: form.overview,
    }
    if (sendsManager('contractor_manager')) body.contractor_manager = manager('contractor_manager')
    if (sendsManager('supervision_manager')) body.supervision_manager = manager('supervision_manager')
    return body
  }

  async function save() {
    clearServerErrors()
    if (!(await formRef.value?.validate().catch(() => false))) return
    saving.value = true
    try {
      const d = editing.value
      const saved = d
        ? await updateDeclaration(d.id, d.version, input())
        : await createDeclaration({ project_id: form.project_id as Id, ...input() })
      ElMessage.success(d ? '申报信息已保存' : '申报已保存，状态为“已申报待提交”')
      onSaved(saved)
    } catch (error) {
      if (!(error instanceof ApiError)) return
      if (error.status === 422) {
        const fields = error.details.fields ?? {}
        Object.assign(fieldErrors, fields)
        if (Object.keys(fields).length === 0) message.value = error.message
      } else if (error.status === 409 && editing.value) {
        // Changed by someone else, or no longer editable: the list shows the current state.
        ElMessage.error(error.code === 'conflict' ? STALE_MESSAGE : error.message)
        onSaved(null)
      } else if (error.status === 409) {
        // The project has been declared meanwhile.
        message.value = error.message
        void searchProjects('')
      }
    } finally {
      saving.value = false
    }
  }

  return {
    form, rules, editing, creating, loading, saving, message, fieldErrors,
    projectOptions, projectsLoading, projectInfo, choices, choicesLoading, choicesFor, managerOptions,
    open, save, searchProjects, onProjectChange, onManagerChange,
  }
}
