import { describe, expect, it } from 'vitest'
import { ref, shallowRef } from 'vue'
import { mount } from '@vue/test-utils'
import { i18n } from '@/i18n'
import type { Loader } from '@/composables/useLoader'
import AdminTable from './AdminTable.vue'

function loaded(data: unknown): Loader<unknown> {
  return { data: shallowRef(data), loading: ref(false), error: shallowRef(null), reload: async () => {} }
}

function render(rows: { id: string; name: string }[]) {
  i18n.global.locale.value = 'en'
  return mount(AdminTable, {
    props: { loader: loaded({ items: rows }), rows, columns: [{ title: 'Name', key: 'name' }], rowKey: (r: { id: string }) => r.id, scrollX: 600, emptyText: 'Nobody yet' },
    attrs: { 'data-testid': 'people-table' },
    global: { plugins: [i18n] },
  })
}

// Mounting Naive UI in jsdom is slow the first time on a busy machine.
describe('AdminTable', { timeout: 30_000 }, () => {
  it('shows the rows in a table that carries the given test id', () => {
    const wrapper = render([{ id: '1', name: 'ann' }])
    const table = wrapper.get('[data-testid=people-table]')
    expect(table.classes()).toContain('n-data-table')
    expect(table.text()).toContain('ann')
  })

  it('says so when there are no rows', () => {
    const wrapper = render([])
    expect(wrapper.text()).toContain('Nobody yet')
    expect(wrapper.find('[data-testid=people-table]').exists()).toBe(false)
  })
})
