import { describe, expect, it } from 'vitest'
import { defineComponent, nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import { ApiError } from '@/api/http'
import { i18n } from '@/i18n'
import { useDialogForm } from './useDialogForm'

function setup() {
  const show = ref(false)
  const resets: number[] = []
  let form!: ReturnType<typeof useDialogForm>
  i18n.global.locale.value = 'en'
  mount(
    defineComponent({
      setup() {
        form = useDialogForm(show, () => resets.push(1))
        return () => null
      },
    }),
    { global: { plugins: [i18n] } },
  )
  return { show, resets, form }
}

const conflict = () => new ApiError(409, 'Conflict', { detail: 'name taken', errors: [{ field: 'name', message: 'taken' }] })

describe('useDialogForm', () => {
  it('starts over each time the dialog opens, not when it closes', async () => {
    const { show, resets, form } = setup()
    form.touched.value = true
    form.errors.fields.name = 'taken'
    show.value = true
    await nextTick()
    expect(resets).toHaveLength(1)
    expect(form.touched.value).toBe(false)
    expect(form.errors.fields).toEqual({})
    show.value = false
    await nextTick()
    expect(resets).toHaveLength(1)
  })

  it('sends nothing while not ready, but marks the form touched so required fields complain', async () => {
    const { form } = setup()
    let saved = 0
    expect(form.required('name', true)).toEqual({})
    await form.submit(
      () => false,
      async () => void saved++,
      () => {},
    )
    expect(saved).toBe(0)
    expect(form.busy.value).toBe(false)
    expect(form.required('name', true)).toEqual({ feedback: 'Required', 'validation-status': 'error' })
    expect(form.required('name', false)).toEqual({})
  })

  it('is busy while saving and hands a failure to fail; a server field error wins over "required"', async () => {
    const { form } = setup()
    let release!: () => void
    const pending = form.submit(
      () => true,
      () => new Promise<void>((_, reject) => (release = () => reject(conflict()))),
      (e) => form.errors.take(e, (f) => f === 'name'),
    )
    expect(form.busy.value).toBe(true)
    release()
    await pending
    expect(form.busy.value).toBe(false)
    expect(form.required('name', false)).toEqual({ feedback: 'taken', 'validation-status': 'error' })
  })
})
