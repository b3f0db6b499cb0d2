// The editor's graph (nodes holding step drafts, edges upstream -> downstream) and the pipeline
// definition, both ways; the checks the editor shows on the graph before the server sees it; and
// a layered layout for definitions, which carry no positions.
import type { FieldError, Json } from '@/api/types'
import {
  MAX_STEPS,
  PIPELINE_NAME_PATTERN,
  STEP_ID_PATTERN,
  dependsOnList,
  draftToStep,
  parseForEach,
  parseJson,
  stepToDraft,
  type PipelineDefinition,
  type PipelineSettings,
  type StepDefinition,
  type StepDraft,
} from './definition'

export interface XY {
  x: number
  y: number
}

export interface StepNode {
  /** The node's own key: stays while the step's id is edited. */
  id: string
  type: 'step'
  position: XY
  data: StepDraft
}

export interface DependencyEdge {
  id: string
  /** The upstream step's node. */
  source: string
  /** The step that depends on it. */
  target: string
}

export interface Graph {
  nodes: StepNode[]
  edges: DependencyEdge[]
}

let keys = 0
/** A fresh node key. */
export function newNodeKey(): string {
  keys += 1
  return `n${keys}-${Math.random().toString(36).slice(2, 8)}`
}

export function edgeId(source: string, target: string): string {
  return `${source}->${target}`
}

/** The graph of a definition, laid out in layers. A dependsOn naming no step is dropped. */
export function definitionToGraph(def: PipelineDefinition): Graph {
  const steps = def.steps ?? []
  const keyOf = new Map<string, string>()
  const nodes: StepNode[] = steps.map((step) => {
    const key = newNodeKey()
    if (step.id && !keyOf.has(step.id)) keyOf.set(step.id, key)
    return { id: key, type: 'step', position: { x: 0, y: 0 }, data: stepToDraft(step) }
  })
  const edges: DependencyEdge[] = []
  steps.forEach((step, i) => {
    for (const dep of dependsOnList(step)) {
      const source = keyOf.get(dep)
      if (source && !edges.some((e) => e.source === source && e.target === nodes[i].id)) {
        edges.push({ id: edgeId(source, nodes[i].id), source, target: nodes[i].id })
      }
    }
  })
  const positions = layoutGraph(
    nodes.map((n) => n.id),
    edges,
  )
  for (const n of nodes) n.position = positions[n.id]
  return { nodes, edges }
}

/** Each node's upstream node keys, in edge order. */
export function upstreamOf(nodes: { id: string }[], edges: DependencyEdge[]): Map<string, string[]> {
  const map = new Map<string, string[]>(nodes.map((n) => [n.id, []]))
  for (const e of edges) map.get(e.target)?.push(e.source)
  return map
}

/**
 * Node keys in an order where each comes after its upstream nodes, ties kept in {@code order};
 * nodes on a cycle come last, in {@code order}.
 */
export function topologicalOrder(order: string[], edges: DependencyEdge[]): string[] {
  const indegree = new Map(order.map((k) => [k, 0]))
  for (const e of edges) if (indegree.has(e.target) && indegree.has(e.source)) indegree.set(e.target, indegree.get(e.target)! + 1)
  const out: string[] = []
  const done = new Set<string>()
  let progress = true
  while (progress) {
    progress = false
    for (const k of order) {
      if (done.has(k) || indegree.get(k) !== 0) continue
      done.add(k)
      out.push(k)
      progress = true
      for (const e of edges) if (e.source === k && indegree.has(e.target)) indegree.set(e.target, indegree.get(e.target)! - 1)
      break
    }
  }
  return [...out, ...order.filter((k) => !done.has(k))]
}

export interface Conversion {
  definition: PipelineDefinition
  /** Node key of each entry of definition.steps, to map the server's `steps[i]` errors back. */
  stepKeys: string[]
}

/** The definition the graph stands for; steps come upstream first, left to right. */
export function graphToDefinition(settings: PipelineSettings, graph: Graph): Conversion {
  const byKey = new Map(graph.nodes.map((n) => [n.id, n]))
  const upstream = upstreamOf(graph.nodes, graph.edges)
  const visual = [...graph.nodes].sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y).map((n) => n.id)
  const stepKeys = topologicalOrder(visual, graph.edges)
  const steps: StepDefinition[] = stepKeys.map((key) => {
    const node = byKey.get(key)!
    const deps = (upstream.get(key) ?? []).map((k) => byKey.get(k)?.data.id.trim() ?? '').filter((id) => id !== '')
    return draftToStep(node.data, deps)
  })
  const definition: PipelineDefinition = { name: settings.name.trim(), steps }
  if (settings.description.trim()) definition.description = settings.description.trim()
  const params = parseJson(settings.paramsText)
  if (params.ok && params.value !== undefined && params.value !== null && typeof params.value === 'object' && !Array.isArray(params.value)) {
    definition.params = params.value as { [key: string]: Json }
  }
  if (settings.onFailure !== 'FAIL_FAST') definition.onFailure = settings.onFailure
  return { definition, stepKeys }
}

// ---- checks ------------------------------------------------------------------------------------

/** A problem the editor shows: an i18n code under `pipelines.problem.` and its values. */
export interface Problem {
  code: string
  values?: Record<string, string | number>
  /** The form field it concerns, when one does. */
  field?: string
}

export interface Cycle {
  /** Node keys around the cycle, the first repeated at the end. */
  path: string[]
}

/**
 * The cycles of the graph: one per strongly connected part that loops (Tarjan's algorithm), each
 * as a path through it. A step that depends on itself is a cycle of one.
 */
export function findCycles(nodeKeys: string[], edges: DependencyEdge[]): Cycle[] {
  const next = new Map<string, string[]>(nodeKeys.map((k) => [k, []]))
  for (const e of edges) if (next.has(e.source) && next.has(e.target)) next.get(e.source)!.push(e.target)
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const parts: string[][] = []
  const visit = (v: string) => {
    index.set(v, counter)
    low.set(v, counter)
    counter++
    stack.push(v)
    onStack.add(v)
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!))
      }
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        part.push(w)
      } while (w !== v)
      parts.push(part)
    }
  }
  for (const k of nodeKeys) if (!index.has(k)) visit(k)

  const cycles: Cycle[] = []
  for (const part of parts) {
    const members = new Set(part)
    const start = nodeKeys.find((k) => members.has(k))!
    if (part.length === 1 && !next.get(start)!.includes(start)) continue
    // Walk inside the part from its first node back to it: a shortest loop by breadth-first search.
    const from = new Map<string, string>()
    const queue = [start]
    let closing: string | null = null
    while (queue.length && closing === null) {
      const v = queue.shift()!
      for (const w of next.get(v)!) {
        if (!members.has(w)) continue
        if (w === start) {
          closing = v
          break
        }
        if (!from.has(w)) {
          from.set(w, v)
          queue.push(w)
        }
      }
    }
    const path = [start]
    let cur = closing!
    const back: string[] = []
    while (cur !== start) {
      back.push(cur)
      cur = from.get(cur)!
    }
    path.push(...back.reverse(), start)
    cycles.push({ path })
  }
  return cycles
}

export interface GraphCheck {
  /** Problems of each node, by node key. */
  nodes: Record<string, Problem[]>
  /** Edges on a cycle. */
  cycleEdges: Set<string>
  /** Problems of the pipeline's own fields. */
  pipeline: Problem[]
  ok: boolean
}

const STEP_REF = /(?<!\$)\$\{\s*steps\.([A-Za-z][A-Za-z0-9_-]*)/g
const BARE_STEP_REF = /(?<![\w.])steps\.([A-Za-z][A-Za-z0-9_-]*)/g

/** The step ids a template value refers to, in `${steps.X...}` references. */
export function referencedSteps(value: Json | undefined): string[] {
  const out: string[] = []
  const walk = (v: Json | undefined) => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(STEP_REF)) out.push(m[1])
    } else if (Array.isArray(v)) {
      v.forEach(walk)
    } else if (v && typeof v === 'object') {
      Object.values(v).forEach(walk)
    }
  }
  walk(value)
  return out
}

/** The step ids a condition refers to: `steps.X` bare or in `${...}`. */
export function conditionSteps(when: string): string[] {
  return [...when.matchAll(BARE_STEP_REF)].map((m) => m[1])
}

function ancestors(key: string, upstream: Map<string, string[]>): Set<string> {
  const seen = new Set<string>()
  const todo = [...(upstream.get(key) ?? [])]
  while (todo.length) {
    const k = todo.pop()!
    if (seen.has(k)) continue
    seen.add(k)
    todo.push(...(upstream.get(k) ?? []))
  }
  return seen
}

function positiveOrNull(value: number | null, field: string, max: number, out: Problem[]) {
  if (value === null) return
  if (!Number.isInteger(value) || value < 1 || value > max) out.push({ code: 'range', values: { min: 1, max }, field })
}

/** What is wrong with the graph as a pipeline, before it is sent. */
export function checkGraph(settings: PipelineSettings, graph: Graph): GraphCheck {
  const nodes: Record<string, Problem[]> = Object.fromEntries(graph.nodes.map((n) => [n.id, []]))
  const pipeline: Problem[] = []
  const name = settings.name.trim()
  if (!name) pipeline.push({ code: 'nameRequired', field: 'name' })
  else if (!PIPELINE_NAME_PATTERN.test(name) || name.length > 100) pipeline.push({ code: 'namePattern', field: 'name' })
  const params = parseJson(settings.paramsText)
  if (!params.ok) pipeline.push({ code: 'json', values: { error: params.error }, field: 'params' })
  else if (params.value !== undefined && (params.value === null || typeof params.value !== 'object' || Array.isArray(params.value))) {
    pipeline.push({ code: 'paramsObject', field: 'params' })
  }
  if (graph.nodes.length === 0) pipeline.push({ code: 'noSteps' })
  if (graph.nodes.length > MAX_STEPS) pipeline.push({ code: 'tooManySteps', values: { max: MAX_STEPS } })

  const idCount = new Map<string, number>()
  for (const n of graph.nodes) idCount.set(n.data.id.trim(), (idCount.get(n.data.id.trim()) ?? 0) + 1)
  const keyOfId = new Map(graph.nodes.map((n) => [n.data.id.trim(), n.id]))
  const upstream = upstreamOf(graph.nodes, graph.edges)

  for (const n of graph.nodes) {
    const out = nodes[n.id]
    const d = n.data
    const id = d.id.trim()
    if (!id) out.push({ code: 'idRequired', field: 'id' })
    else if (!STEP_ID_PATTERN.test(id)) out.push({ code: 'idPattern', field: 'id' })
    else if ((idCount.get(id) ?? 0) > 1) out.push({ code: 'idDuplicate', values: { id }, field: 'id' })
    if (!d.type.trim()) out.push({ code: 'typeRequired', field: 'type' })
    const payload = parseJson(d.payloadText)
    if (!payload.ok) out.push({ code: 'json', values: { error: payload.error }, field: 'payload' })
    const forEach = parseForEach(d.forEachText)
    if (!forEach.ok) out.push({ code: 'forEach', field: 'forEach' })
    if (d.maxParallel !== null && !d.forEachText.trim()) out.push({ code: 'maxParallelNeedsForEach', field: 'maxParallel' })
    positiveOrNull(d.maxAttempts, 'maxAttempts', 100, out)
    positiveOrNull(d.timeoutSeconds, 'timeoutSeconds', 604800, out)
    positiveOrNull(d.maxParallel, 'maxParallel', 10000, out)

    const before = ancestors(n.id, upstream)
    const refs: [string, string][] = [
      ...referencedSteps(payload.ok ? payload.value : undefined).map((r): [string, string] => [r, 'payload']),
      ...referencedSteps(forEach.ok ? forEach.value : undefined).map((r): [string, string] => [r, 'forEach']),
      ...conditionSteps(d.when).map((r): [string, string] => [r, 'when']),
    ]
    const reported = new Set<string>()
    for (const [ref, field] of refs) {
      if (reported.has(ref + field)) continue
      reported.add(ref + field)
      const target = keyOfId.get(ref)
      if (target === undefined) out.push({ code: 'unknownStep', values: { ref }, field })
      else if (!before.has(target)) out.push({ code: 'notUpstream', values: { ref }, field })
    }
  }

  const cycleEdges = new Set<string>()
  const idOf = (k: string) => graph.nodes.find((n) => n.id === k)?.data.id || '?'
  for (const cycle of findCycles(
    graph.nodes.map((n) => n.id),
    graph.edges,
  )) {
    const text = cycle.path.map(idOf).join(' -> ')
    for (let i = 0; i + 1 < cycle.path.length; i++) {
      const e = graph.edges.find((x) => x.source === cycle.path[i] && x.target === cycle.path[i + 1])
      if (e) cycleEdges.add(e.id)
    }
    for (const k of new Set(cycle.path)) nodes[k].push({ code: 'cycle', values: { path: text }, field: 'dependsOn' })
  }
  const ok = pipeline.length === 0 && Object.values(nodes).every((p) => p.length === 0)
  return { nodes, cycleEdges, pipeline, ok }
}

// ---- the server's answer -----------------------------------------------------------------------

export interface ServerErrors {
  /** By node key: the server's messages about that step. */
  nodes: Record<string, FieldError[]>
  /** About the pipeline's own fields (or the whole body). */
  pipeline: FieldError[]
}

const STEP_FIELD = /^steps\[(\d+)\](?:\.?(.*))?$/

/**
 * The server's 422 errors on the nodes they name: `steps[2].payload.x` is the node sent as the
 * third step, its field `payload.x`.
 */
export function mapServerErrors(errors: FieldError[], stepKeys: string[]): ServerErrors {
  const nodes: Record<string, FieldError[]> = {}
  const pipeline: FieldError[] = []
  for (const e of errors) {
    const m = STEP_FIELD.exec(e.field ?? '')
    const key = m ? stepKeys[Number(m[1])] : undefined
    if (key === undefined) {
      pipeline.push(e)
      continue
    }
    ;(nodes[key] ??= []).push({ field: m![2] ?? '', message: e.message })
  }
  return { nodes, pipeline }
}

// ---- layout ------------------------------------------------------------------------------------

export const LAYER_GAP = 250
export const ROW_GAP = 100

/**
 * Positions in layers from left to right: a node's layer is the longest path of upstream nodes
 * before it; within a layer nodes are ordered by the mean row of their upstream nodes, so edges
 * cross less. Nodes on cycles are placed after the rest rather than looping forever.
 */
export function layoutGraph(nodeKeys: string[], edges: DependencyEdge[]): Record<string, XY> {
  const order = topologicalOrder(nodeKeys, edges)
  const upstream = upstreamOf(
    nodeKeys.map((id) => ({ id })),
    edges,
  )
  const layer = new Map<string, number>()
  for (const k of order) {
    let l = 0
    for (const u of upstream.get(k) ?? []) if (layer.has(u)) l = Math.max(l, layer.get(u)! + 1)
    layer.set(k, l)
  }
  const layers: string[][] = []
  for (const k of order) (layers[layer.get(k)!] ??= []).push(k)
  const row = new Map<string, number>()
  const out: Record<string, XY> = {}
  layers.forEach((members, l) => {
    if (!members) return
    const weight = (k: string) => {
      const ups = (upstream.get(k) ?? []).filter((u) => row.has(u))
      return ups.length ? ups.reduce((s, u) => s + row.get(u)!, 0) / ups.length : Number.POSITIVE_INFINITY
    }
    const sorted = members
      .map((k, i) => ({ k, w: weight(k), i }))
      .sort((a, b) => (a.w === b.w ? a.i - b.i : a.w - b.w))
      .map((x) => x.k)
    const offset = (sorted.length - 1) / 2
    sorted.forEach((k, i) => {
      row.set(k, i - offset)
      out[k] = { x: l * LAYER_GAP, y: Math.round((i - offset) * ROW_GAP) }
    })
  })
  return out
}
