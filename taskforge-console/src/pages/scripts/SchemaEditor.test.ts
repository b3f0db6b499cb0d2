import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { nextTick } from 'vue'
import { createI18n } from 'vue-i18n'
import SchemaEditor from './SchemaEditor.vue'

const i18n = createI18n({ legacy: false, locale: 'en', missingWarn: false, fallbackWarn: false, messages: { en: {} } })

function mountEditor(text: string) {
  return mount(SchemaEditor, { props: { modelValue: text }, global: { plugins: [i18n] } })
}

describe('SchemaEditor', () => {
  it('shows one row per property of the JSON it is given', () => {
    const w = mountEditor(JSON.stringify({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'integer', minimum: 1 } }, required: ['a'] }))
    expect(w.findAll('[data-testid^="schema-prop-"]')).toHaveLength(2)
    expect((w.find('#schema-prop-0-name').element as HTMLInputElement).value).toBe('a')
    expect((w.find('#schema-prop-1-min').element as HTMLInputElement).value).toBe('1')
  })

  it('writes the JSON of a parameter added in the list', async () => {
    const w = mountEditor('{"type": "object", "properties": {}}')
    await w.find('[data-testid="schema-add"]').trigger('click')
    await nextTick()
    const emitted = w.emitted('update:modelValue')
    expect(emitted).toBeTruthy()
    expect(JSON.parse(emitted!.at(-1)![0] as string)).toEqual({ type: 'object', properties: { param1: { type: 'string' } } })
  })

  it('follows JSON typed in the other tab without rewriting it', async () => {
    const w = mountEditor('{"type": "object", "properties": {}}')
    await w.setProps({ modelValue: '{"properties":{"x":{"type":"boolean"}}}' })
    await nextTick()
    expect(w.findAll('[data-testid^="schema-prop-"]')).toHaveLength(1)
    expect(w.emitted('update:modelValue')).toBeUndefined()
  })

  it('keeps the list out of the way while the JSON does not parse', async () => {
    const w = mountEditor('{"type": "object", "properties": {"a": {"type": "string"}}}')
    await w.setProps({ modelValue: '{"type": ' })
    await nextTick()
    expect(w.findAll('[data-testid^="schema-prop-"]')).toHaveLength(0)
    expect(w.find('[data-testid="schema-add"]').exists()).toBe(false)
    expect(w.emitted('update:modelValue')).toBeUndefined()
  })
})
