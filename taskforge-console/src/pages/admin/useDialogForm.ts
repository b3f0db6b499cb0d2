// What every administration dialog keeps around its fields: the server's errors, `touched` (so
// an empty required field complains only once the form was submitted) and `busy` while saving;
// all start over each time the dialog opens.
import { ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useFormErrors } from './field-errors'

export function useDialogForm(show: Ref<boolean>, reset: () => void) {
  const { t } = useI18n()
  const busy = ref(false)
  const touched = ref(false)
  const errors = useFormErrors()

  watch(show, (open) => {
    if (!open) return
    reset()
    touched.value = false
    errors.clear()
  })

  /** A field's feedback: the server's error for it, else "required" once submitted while `missing`. */
  function required(field: string, missing: boolean) {
    if (errors.fields[field]) return errors.field(field)
    return touched.value && missing ? { feedback: t('admin.required'), 'validation-status': 'error' as const } : {}
  }

  /**
   * Submits: nothing is sent while `ready()` says no (the fields now show why); otherwise `save`
   * runs with busy on and a failure goes to `fail` (usually errors.take).
   */
  async function submit(ready: () => boolean, save: () => Promise<void>, fail: (e: unknown) => void) {
    touched.value = true
    errors.clear()
    if (!ready()) return
    busy.value = true
    try {
      await save()
    } catch (e) {
      fail(e)
    } finally {
      busy.value = false
    }
  }

  return { busy, touched, errors, required, submit }
}
