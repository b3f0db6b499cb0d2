import { describe, expect, it } from 'vitest'
import { emptyDraft, settingsOf, type PipelineDefinition } from './definition'
import {
  checkGraph,
  definitionToGraph,
  edgeId,
  findCycles,
  graphToDefinition,
  layoutGraph,
  mapServerErrors,
  type Graph,
  type StepNode,
} from './graph'

const greet: PipelineDefinition = {
  name: 'greet',
  description: 'says hello',
  params: { who: 'world' },
  onFailure: 'CONTINUE',
  steps: [
    { id: 'hello', type: 'shell', payload: { command: "echo '{}'", jsonResult: true } },
    {
      id: 'shout',
      type: 'shell',
      dependsOn: ['hello'],
      payload: { env: { WORD: '${steps.hello.result.greeting}' }, command: 'echo $WORD' },
      queue: 'q1',
      priority: 'HIGH',
      maxAttempts: 3,
      timeoutSeconds: 60,
      when: 'steps.hello.status == "SUCCEEDED"',
    },
    { id: 'each', type: 'noop', dependsOn: 'shout', forEach: '${params.items}', maxParallel: 2 },
  ],
}

function node(id: string, x = 0, y = 0): StepNode {
  return { id: `k-${id}`, type: 'step', position: { x, y }, data: emptyDraft('noop', id) }
}

function graphOf(ids: string[], deps: [string, string][]): Graph {
  const nodes = ids.map((id, i) => node(id, i * 100))
  const edges = deps.map(([from, to]) => ({ id: edgeId(`k-${from}`, `k-${to}`), source: `k-${from}`, target: `k-${to}` }))
  return { nodes, edges }
}

describe('definition <-> graph', () => {
  it('turns every step into a node and each dependency into an edge from upstream', () => {
    const g = definitionToGraph(greet)
    expect(g.nodes.map((n) => n.data.id)).toEqual(['hello', 'shout', 'each'])
    const idOf = (key: string) => g.nodes.find((n) => n.id === key)!.data.id
    expect(g.edges.map((e) => `${idOf(e.source)}->${idOf(e.target)}`)).toEqual(['hello->shout', 'shout->each'])
  })

  it('gives back the same definition it was made from', () => {
    const g = definitionToGraph(greet)
    const { definition } = graphToDefinition(settingsOf(greet), g)
    expect(definition).toEqual({ ...greet, steps: greet.steps.map((s) => (s.id === 'each' ? { ...s, dependsOn: ['shout'] } : s)) })
  })

  it('writes steps upstream first whatever order the nodes were added in', () => {
    const g = graphOf(['c', 'a', 'b'], [
      ['a', 'b'],
      ['b', 'c'],
    ])
    const { definition, stepKeys } = graphToDefinition(settingsOf(null), { ...g, nodes: g.nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) })
    expect(definition.steps.map((s) => s.id)).toEqual(['a', 'b', 'c'])
    expect(definition.steps[2].dependsOn).toEqual(['b'])
    expect(stepKeys).toEqual(['k-a', 'k-b', 'k-c'])
  })

  it('leaves out fields that are not set and keeps a payload JSON typed', () => {
    const g = graphOf(['only'], [])
    g.nodes[0].data.payloadText = '{"n": 5, "list": [1, 2]}'
    const { definition } = graphToDefinition({ name: ' p ', description: '', paramsText: '', onFailure: 'FAIL_FAST' }, g)
    expect(definition).toEqual({ name: 'p', steps: [{ id: 'only', type: 'noop', payload: { n: 5, list: [1, 2] } }] })
  })

  it('reads a literal forEach list as a list and a reference as text', () => {
    const g = graphOf(['a'], [])
    g.nodes[0].data.forEachText = '[1, 2, 3]'
    expect(graphToDefinition(settingsOf(null), g).definition.steps[0].forEach).toEqual([1, 2, 3])
    g.nodes[0].data.forEachText = '${params.files}'
    expect(graphToDefinition(settingsOf(null), g).definition.steps[0].forEach).toBe('${params.files}')
  })
})

describe('cycles', () => {
  it('finds none in a DAG', () => {
    const g = graphOf(['a', 'b', 'c', 'd'], [
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'd'],
      ['c', 'd'],
    ])
    expect(findCycles(g.nodes.map((n) => n.id), g.edges)).toEqual([])
  })

  it('finds a loop and names its path', () => {
    const g = graphOf(['a', 'b', 'c', 'x'], [
      ['x', 'a'],
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
    ])
    const cycles = findCycles(g.nodes.map((n) => n.id), g.edges)
    expect(cycles.map((c) => c.path)).toEqual([['k-a', 'k-b', 'k-c', 'k-a']])
  })

  it('finds a step that depends on itself and two separate loops', () => {
    const g = graphOf(['a', 'b', 'c', 'd'], [
      ['a', 'a'],
      ['b', 'c'],
      ['c', 'b'],
      ['c', 'd'],
    ])
    const paths = findCycles(g.nodes.map((n) => n.id), g.edges).map((c) => c.path)
    expect(paths).toHaveLength(2)
    expect(paths).toContainEqual(['k-a', 'k-a'])
    expect(paths).toContainEqual(['k-b', 'k-c', 'k-b'])
  })

  it('marks the nodes and edges of a cycle and fails the check', () => {
    const g = graphOf(['a', 'b', 'c'], [
      ['a', 'b'],
      ['b', 'a'],
      ['b', 'c'],
    ])
    const check = checkGraph({ ...settingsOf(null), name: 'p' }, g)
    expect(check.ok).toBe(false)
    expect(check.nodes['k-a']).toEqual([{ code: 'cycle', values: { path: 'a -> b -> a' }, field: 'dependsOn' }])
    expect(check.nodes['k-b'].map((p) => p.code)).toEqual(['cycle'])
    expect(check.nodes['k-c']).toEqual([])
    expect([...check.cycleEdges].sort()).toEqual([edgeId('k-a', 'k-b'), edgeId('k-b', 'k-a')])
  })
})

describe('checks', () => {
  it('passes a valid graph', () => {
    const g = graphOf(['a', 'b'], [['a', 'b']])
    g.nodes[1].data.payloadText = '{"x": "${steps.a.result}"}'
    g.nodes[1].data.when = 'steps.a.result.ok == true'
    const check = checkGraph({ ...settingsOf(null), name: 'ok-pipeline' }, g)
    expect(check.ok).toBe(true)
  })

  it('names missing, malformed and repeated ids, a missing type and bad JSON', () => {
    const g = graphOf(['', '9lives', 'dup', 'dup'], [])
    g.nodes[2].data.type = ' '
    g.nodes[3].data.payloadText = '{"x": '
    const check = checkGraph({ ...settingsOf(null), name: 'p' }, g)
    expect(check.nodes['k-'].map((p) => p.code)).toEqual(['idRequired'])
    expect(check.nodes['k-9lives'].map((p) => p.code)).toEqual(['idPattern'])
    const dupCodes = Object.values(check.nodes).slice(2).flat().map((p) => p.code)
    expect(dupCodes.filter((c) => c === 'idDuplicate')).toHaveLength(2)
    expect(dupCodes).toContain('typeRequired')
    expect(dupCodes).toContain('json')
  })

  it('refuses references to unknown steps and to steps that are not upstream', () => {
    const g = graphOf(['a', 'b', 'c'], [['a', 'b']])
    g.nodes[1].data.payloadText = '{"x": "${steps.ghost.result}", "y": "$${steps.literal}"}'
    g.nodes[2].data.when = 'steps.b.status == "SUCCEEDED"'
    const check = checkGraph({ ...settingsOf(null), name: 'p' }, g)
    expect(check.nodes['k-b']).toEqual([{ code: 'unknownStep', values: { ref: 'ghost' }, field: 'payload' }])
    expect(check.nodes['k-c']).toEqual([{ code: 'notUpstream', values: { ref: 'b' }, field: 'when' }])
  })

  it('checks the pipeline name, params and that there is a step', () => {
    const check = checkGraph({ name: 'bad name', description: '', paramsText: '[1]', onFailure: 'FAIL_FAST' }, { nodes: [], edges: [] })
    expect(check.pipeline.map((p) => p.code)).toEqual(['namePattern', 'paramsObject', 'noSteps'])
  })

  it('refuses maxParallel without forEach and out-of-range numbers', () => {
    const g = graphOf(['a'], [])
    g.nodes[0].data.maxParallel = 2
    g.nodes[0].data.maxAttempts = 0
    const codes = checkGraph({ ...settingsOf(null), name: 'p' }, g).nodes['k-a'].map((p) => p.code)
    expect(codes).toEqual(['maxParallelNeedsForEach', 'range'])
  })
})

describe('server errors', () => {
  it('puts step errors on the node sent at that index and the rest on the pipeline', () => {
    const mapped = mapServerErrors(
      [
        { field: 'steps[1].payload.x', message: "'steps.q.result': no step has the id 'q'" },
        { field: 'steps[0].dependsOn', message: 'cycle: a -> b -> a' },
        { field: 'steps[1]', message: 'bad' },
        { field: 'name', message: 'is required' },
        { field: 'steps[7].type', message: 'beyond what was sent' },
      ],
      ['k-a', 'k-b'],
    )
    expect(mapped.nodes['k-b']).toEqual([
      { field: 'payload.x', message: "'steps.q.result': no step has the id 'q'" },
      { field: '', message: 'bad' },
    ])
    expect(mapped.nodes['k-a']).toEqual([{ field: 'dependsOn', message: 'cycle: a -> b -> a' }])
    expect(mapped.pipeline.map((e) => e.field)).toEqual(['name', 'steps[7].type'])
  })
})

describe('layout', () => {
  it('puts each node right of its upstream nodes and spreads a layer vertically', () => {
    const g = graphOf(['a', 'b', 'c', 'd'], [
      ['a', 'b'],
      ['a', 'c'],
      ['b', 'd'],
      ['c', 'd'],
    ])
    const pos = layoutGraph(g.nodes.map((n) => n.id), g.edges)
    expect(pos['k-a'].x).toBeLessThan(pos['k-b'].x)
    expect(pos['k-b'].x).toBe(pos['k-c'].x)
    expect(pos['k-b'].y).not.toBe(pos['k-c'].y)
    expect(pos['k-d'].x).toBeGreaterThan(pos['k-c'].x)
  })

  it('places every node of a cyclic graph', () => {
    const g = graphOf(['a', 'b'], [
      ['a', 'b'],
      ['b', 'a'],
    ])
    const pos = layoutGraph(g.nodes.map((n) => n.id), g.edges)
    expect(Object.keys(pos).sort()).toEqual(['k-a', 'k-b'])
  })
})
