// The pipeline definition as the server stores it (docs/pipelines.md, PipelineRequests.Step) and
// the editable form of a step the editor keeps in each graph node.
import type { Json, Priority } from '@/api/types'

export type OnFailure = 'FAIL_FAST' | 'CONTINUE'
export const ON_FAILURE: readonly OnFailure[] = ['FAIL_FAST', 'CONTINUE']

export interface StepDefinition {
  id: string
  type: string
  title?: string
  payload?: Json
  /** A list, or one id. */
  dependsOn?: string[] | string
  queue?: string
  priority?: Priority
  maxAttempts?: number
  timeoutSeconds?: number
  when?: string
  forEach?: Json
  maxParallel?: number
}

export interface PipelineDefinition {
  name: string
  description?: string
  params?: { [key: string]: Json }
  onFailure?: OnFailure
  steps: StepDefinition[]
}

/** A step as its form edits it: free text where the definition holds JSON, null for "not set". */
export interface StepDraft {
  id: string
  type: string
  title: string
  /** JSON text of the payload; empty for none. */
  payloadText: string
  queue: string
  priority: Priority | null
  maxAttempts: number | null
  timeoutSeconds: number | null
  /** A condition, empty for none. */
  when: string
  /** A `${...}` reference or a JSON list; empty for no fan-out. */
  forEachText: string
  maxParallel: number | null
}

/** The pipeline's own fields, as the settings form edits them. */
export interface PipelineSettings {
  name: string
  description: string
  /** JSON text of the default params object; empty for none. */
  paramsText: string
  onFailure: OnFailure
}

/** The task types every server handles (docs/pipelines.md); applications may add their own. */
export const BUILTIN_TYPES = ['noop', 'shell', 'http', 'sleep', 'script'] as const

/** A payload to start from for each built-in type, so a dropped step is close to runnable. */
export function starterPayload(type: string): Json {
  switch (type) {
    case 'shell':
      return { command: 'echo hello', jsonResult: false }
    case 'http':
      return { method: 'GET', url: 'https://example.com/' }
    case 'sleep':
      return { seconds: 1 }
    case 'script':
      return { script: '', params: {} }
    default:
      return {}
  }
}

export const STEP_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/
export const PIPELINE_NAME_PATTERN = /^[A-Za-z0-9._:-]+$/
export const MAX_STEPS = 200

export function emptyDraft(type: string, id: string): StepDraft {
  return {
    id,
    type,
    title: '',
    payloadText: JSON.stringify(starterPayload(type), null, 2),
    queue: '',
    priority: null,
    maxAttempts: null,
    timeoutSeconds: null,
    when: '',
    forEachText: '',
    maxParallel: null,
  }
}

/** A step id made from {@code base} that none of {@code taken} has: base, base_2, base_3... */
export function uniqueStepId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken)
  let clean = base.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^[^A-Za-z]+/, '')
  if (!clean) clean = 'step'
  if (!used.has(clean)) return clean
  for (let i = 2; ; i++) {
    const candidate = `${clean}_${i}`
    if (!used.has(candidate)) return candidate
  }
}

export function dependsOnList(step: StepDefinition): string[] {
  if (step.dependsOn === undefined || step.dependsOn === null) return []
  return Array.isArray(step.dependsOn) ? step.dependsOn : [step.dependsOn]
}

export function stepToDraft(step: StepDefinition): StepDraft {
  const forEach = step.forEach
  return {
    id: step.id ?? '',
    type: step.type ?? '',
    title: step.title ?? '',
    payloadText: step.payload === undefined ? '' : JSON.stringify(step.payload, null, 2),
    queue: step.queue ?? '',
    priority: step.priority ?? null,
    maxAttempts: step.maxAttempts ?? null,
    timeoutSeconds: step.timeoutSeconds ?? null,
    when: step.when ?? '',
    forEachText: forEach === undefined || forEach === null ? '' : typeof forEach === 'string' ? forEach : JSON.stringify(forEach),
    maxParallel: step.maxParallel ?? null,
  }
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

/** JSON text to a value; empty text is "not given" (undefined). */
export function parseJson(text: string): Parsed<Json | undefined> {
  if (!text.trim()) return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as Json }
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) }
  }
}

/** forEach text: a reference stays a string, a JSON list is a list; anything else is an error. */
export function parseForEach(text: string): Parsed<Json | undefined> {
  const trimmed = text.trim()
  if (!trimmed) return { ok: true, value: undefined }
  if (trimmed.startsWith('[')) {
    const parsed = parseJson(trimmed)
    if (!parsed.ok) return parsed
    return Array.isArray(parsed.value) ? parsed : { ok: false, error: 'not a list' }
  }
  return /^\$\{[^}]+\}$/.test(trimmed) ? { ok: true, value: trimmed } : { ok: false, error: 'not a reference' }
}

/** The step as the definition writes it, without dependsOn (the graph's edges give those). */
export function draftToStep(draft: StepDraft, dependsOn: string[]): StepDefinition {
  const step: StepDefinition = { id: draft.id.trim(), type: draft.type.trim() }
  if (draft.title.trim()) step.title = draft.title.trim()
  const payload = parseJson(draft.payloadText)
  if (payload.ok && payload.value !== undefined) step.payload = payload.value
  if (dependsOn.length) step.dependsOn = dependsOn
  if (draft.queue.trim()) step.queue = draft.queue.trim()
  if (draft.priority) step.priority = draft.priority
  if (draft.maxAttempts !== null) step.maxAttempts = draft.maxAttempts
  if (draft.timeoutSeconds !== null) step.timeoutSeconds = draft.timeoutSeconds
  if (draft.when.trim()) step.when = draft.when.trim()
  const forEach = parseForEach(draft.forEachText)
  if (forEach.ok && forEach.value !== undefined) step.forEach = forEach.value
  if (draft.maxParallel !== null) step.maxParallel = draft.maxParallel
  return step
}

export function settingsOf(def: PipelineDefinition | null): PipelineSettings {
  return {
    name: def?.name ?? '',
    description: def?.description ?? '',
    paramsText: def?.params && Object.keys(def.params).length ? JSON.stringify(def.params, null, 2) : '',
    onFailure: def?.onFailure ?? 'FAIL_FAST',
  }
}
