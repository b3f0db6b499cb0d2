import { computed, defineComponent, h, nextTick, provide } from 'vue'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { VueFlow } from '@vue-flow/core'
import StepNode from './components/StepNode.vue'
import { NODE_PROBLEMS } from './components/problem-key'
import { definitionToGraph } from './graph'

// Vue Flow under jsdom: the ResizeObserver stub of src/test-setup.ts lets it mount.
describe('the editor graph', () => {
  it('draws a node per step and shows each node its own problems', async () => {
    const g = definitionToGraph({
      name: 'p',
      steps: [
        { id: 'a', type: 'noop', dependsOn: ['b'] },
        { id: 'b', type: 'shell', dependsOn: ['a'] },
        { id: 'c', type: 'noop' },
      ],
    })
    const [a, b, c] = g.nodes
    const Graph = defineComponent({
      setup() {
        provide(
          NODE_PROBLEMS,
          computed(() => ({ [a.id]: ['Cycle: a -> b -> a', 'second'], [b.id]: ['Cycle: a -> b -> a'], [c.id]: [] })),
        )
        return () =>
          h(
            'div',
            { style: 'width: 800px; height: 600px' },
            h(VueFlow, { id: 'step-node-test', nodes: g.nodes, edges: g.edges }, { 'node-step': (p: { id: string; data: never; selected: boolean }) => h(StepNode, p) }),
          )
      },
    })
    const wrapper = mount(Graph, { attachTo: document.body })
    await nextTick()
    await nextTick()
    const steps = wrapper.findAll('.tf-step')
    expect(steps.map((s) => s.attributes('data-step'))).toEqual(['a', 'b', 'c'])
    expect(steps[0].classes()).toContain('invalid')
    expect(steps[0].find('[data-testid=node-problem]').text()).toBe('Cycle: a -> b -> a (+1)')
    expect(steps[2].classes()).not.toContain('invalid')
    expect(steps[2].find('[data-testid=node-problem]').exists()).toBe(false)
    expect(wrapper.findAll('.vue-flow__edge')).toHaveLength(2)
    wrapper.unmount()
  })
})
