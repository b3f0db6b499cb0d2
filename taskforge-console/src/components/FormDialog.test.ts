import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import FormDialog from './FormDialog.vue'

function render(props: { busy?: boolean; error?: string | null; lockWhileBusy?: boolean } = {}) {
  const show = ref(true)
  const submits: number[] = []
  const Root = defineComponent(() => () =>
    h(
      FormDialog,
      {
        show: show.value,
        'onUpdate:show': (v: boolean) => (show.value = v),
        title: 'Edit',
        submitLabel: 'Save it',
        submitTestid: 'thing-save',
        onSubmit: () => submits.push(1),
        ...props,
      },
      () => h('input', { 'data-testid': 'field' }),
    ),
  )
  i18n.global.locale.value = 'en'
  const wrapper = mount(Root, { global: { plugins: [i18n] }, attachTo: document.body })
  return { wrapper, show, submits }
}

const q = <T extends Element = HTMLElement>(selector: string) => document.body.querySelector<T>(selector)
const cancel = () => [...document.body.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel') as HTMLButtonElement

// Mounting Naive UI in jsdom is slow the first time on a busy machine.
describe('FormDialog', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the fields and submits from the button or by submitting the form', async () => {
    const { submits } = render()
    await flushPromises()
    expect(q('[data-testid=field]')).not.toBeNull()
    const save = q<HTMLButtonElement>('[data-testid=thing-save]')!
    expect(save.textContent).toContain('Save it')
    q<HTMLFormElement>('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
    expect(submits).toHaveLength(1)
  })

  it('closes on Cancel and shows a general problem only when there is one', async () => {
    const { show, wrapper } = render({ error: 'Name taken' })
    await flushPromises()
    expect(q('[role=alert]')?.textContent).toContain('Name taken')
    cancel().click()
    expect(show.value).toBe(false)
    wrapper.unmount()

    render({ error: null })
    await flushPromises()
    expect(q('[role=alert]')).toBeNull()
  })

  it('keeps Cancel usable while busy unless told to lock it', async () => {
    const open = render({ busy: true })
    await flushPromises()
    expect(cancel().disabled).toBe(false)
    open.wrapper.unmount()
    document.body.innerHTML = ''

    render({ busy: true, lockWhileBusy: true })
    await flushPromises()
    expect(cancel().disabled).toBe(true)
  })
})
