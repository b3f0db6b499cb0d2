import { describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { flushPromises, mount } from '@vue/test-utils'
import LabelledSelect from './LabelledSelect.vue'

// jsdom has no element scrolling; the open menu scrolls to its selected option.
Element.prototype.scrollTo ??= function scrollTo() {}

describe('a labelled select', { timeout: 30_000 }, () => {
  it('names its focusable part, calls it a combobox and says when its list is open', async () => {
    const wrapper = mount(LabelledSelect, {
      props: { value: 'a', label: 'Outcome', options: [{ label: 'A', value: 'a' }, { label: 'B', value: 'b' }] },
      attachTo: document.body,
    })
    await flushPromises()
    const focusable = wrapper.get('.n-base-selection')
    expect(focusable.attributes()).toMatchObject({ role: 'combobox', 'aria-label': 'Outcome', 'aria-haspopup': 'listbox', 'aria-expanded': 'false' })
    await focusable.trigger('click')
    await nextTick()
    await flushPromises()
    expect(focusable.attributes('aria-expanded')).toBe('true')
    await wrapper.setProps({ label: 'Result' })
    await flushPromises()
    expect(focusable.attributes('aria-label')).toBe('Result')
    wrapper.unmount()
  })
})
