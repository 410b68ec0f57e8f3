// State and calls of a RecordActionDialog: read the record (or take the one given), reset the form, and run an
// action — check the form, ask first (the action cannot be undone), send it with the record's version, say
// what happened; the server's refusals go under their fields, or are explained and the dialog closes when
// the record has moved on (409) or is gone (404).
import { reactive, ref, useTemplateRef, type Ref, type UnwrapRef } from 'vue'
import { ElMessage } from 'element-plus'
import type { Id } from '@/api/auth'
import { confirmAction, explainDialogError } from '@/utils/actions'

/** What RecordActionDialog exposes (its template ref must be `actionDialogEl`). */
export interface RecordActionDialogRef {
  validate: (fields?: string[]) => Promise<boolean>
  clearValidate: () => void
}

export interface RecordActionOptions<R, F extends object> {
  /** The form as a new dialog starts it. */
  empty: () => F
  /** Reads the record (open by id). */
  load?: (id: Id) => Promise<R>
  /** Once the record is there: prefill the form; return false when the action is no longer the caller's. */
  prepare?: (record: R, form: F) => boolean | void
  /** The form's fields shown as inputs: a 422 on another field is shown as a message (all by default). */
  fields?: readonly string[]
  /** The dialog is done (closes it and reloads the list). */
  onDone: () => void
}

export interface RecordActionStep<R, A> {
  /** The fields this button checks (all when absent). */
  fields?: string[]
  /** The confirmation, asked after the check (it may name what was chosen), and its button. */
  question: (record: R) => string
  confirmText?: string
  send: (record: R) => Promise<A>
  /** The success message. */
  success: (answer: A, record: R) => string
}

export function useRecordAction<R, F extends object>(o: RecordActionOptions<R, F>) {
  const dialogRef = useTemplateRef<RecordActionDialogRef>('actionDialogEl')
  const record = ref<R | null>(null) as Ref<R | null>
  const form = reactive(o.empty()) as UnwrapRef<F> & F
  const loading = ref(false)
  /** The action being sent. */
  const busy = ref<string | null>(null)
  const fieldErrors = reactive<Record<string, string>>({})

  function clearServerErrors() {
    for (const key of Object.keys(fieldErrors)) delete fieldErrors[key]
  }

  function reset() {
    clearServerErrors()
    record.value = null
    Object.assign(form, o.empty())
    dialogRef.value?.clearValidate()
  }

  /** Shows a record the page already has. */
  function show(r: R): boolean {
    reset()
    if (o.prepare?.(r, form) === false) {
      o.onDone()
      return false
    }
    record.value = r
    return true
  }

  /** Reads the record and shows it; false when it could not be read or the action is no longer the caller's. */
  async function open(id: Id): Promise<boolean> {
    reset()
    if (!o.load) return false
    loading.value = true
    try {
      return show(await o.load(id))
    } catch {
      return false // shown by the request module
    } finally {
      loading.value = false
    }
  }

  async function run<A>(code: string, step: RecordActionStep<R, A>): Promise<void> {
    const r = record.value
    if (!r || busy.value) return
    clearServerErrors()
    if (!(await dialogRef.value?.validate(step.fields))) return
    if (!(await confirmAction(step.question(r), step.confirmText))) return
    busy.value = code
    try {
      const answer = await step.send(r)
      ElMessage.success(step.success(answer, r))
      o.onDone()
    } catch (error) {
      explainDialogError(error, fieldErrors, o.onDone, o.fields)
    } finally {
      busy.value = null
    }
  }

  return { record, form, loading, busy, fieldErrors, show, open, run }
}
