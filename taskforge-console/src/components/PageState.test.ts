import { afterEach, describe, expect, it, vi } from 'vitest'
import { h, nextTick, ref, shallowRef } from 'vue'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import type { Loader } from '@/composables/useLoader'
import PageState from './PageState.vue'

function fakeLoader(): Loader<unknown> {
  return { data: shallowRef<unknown>(), loading: ref(true), error: shallowRef<unknown>(null), reload: vi.fn(async () => {}) }
}

function render(props: Record<string, unknown>) {
  i18n.global.locale.value = 'en'
  return mount(PageState, { props, slots: { default: () => h('p', { 'data-testid': 'content' }, 'the content') }, global: { plugins: [i18n] } })
}

// Mounting Naive UI in jsdom is slow the first time on a busy machine.
describe('PageState with a loader', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('follows the loader: loading, then its error with a retry that reloads it, then the content', async () => {
    const loader = fakeLoader()
    const wrapper = render({ loader })
    expect(wrapper.find('[role=status]').exists()).toBe(true)

    loader.loading.value = false
    loader.error.value = new Error('down')
    await nextTick()
    expect(wrapper.find('[role=alert]').text()).toContain('down')
    await wrapper.get('[role=alert] button').trigger('click')
    expect(loader.reload).toHaveBeenCalledTimes(1)
    expect(wrapper.emitted('retry')).toBeUndefined()

    loader.error.value = null
    loader.data.value = { items: [] }
    await nextTick()
    expect(wrapper.find('[data-testid=content]').exists()).toBe(true)
  })

  it('keeps the data on screen while the loader reloads or fails again', async () => {
    const loader = fakeLoader()
    loader.data.value = { ok: true }
    loader.error.value = new Error('blip')
    const wrapper = render({ loader })
    await nextTick()
    expect(wrapper.find('[data-testid=content]').exists()).toBe(true)
    expect(wrapper.find('[role=alert]').exists()).toBe(false)
  })

  it('without a loader, takes the props and asks the parent to retry', async () => {
    const wrapper = render({ loading: false, error: new Error('down') })
    await wrapper.get('[role=alert] button').trigger('click')
    expect(wrapper.emitted('retry')).toHaveLength(1)
  })
})
