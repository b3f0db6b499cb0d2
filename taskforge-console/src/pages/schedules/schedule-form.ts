// The schedule form's state, its checks, and the request body it makes (POST and PUT
// /schedules take the same body; see ScheduleRequests.ScheduleBody).
import type { FieldError, Json, Priority, Schedule } from '@/api/types'
import { cronFires, intervalFires, isKnownZone } from './timing'

export type TimingKind = 'cron' | 'interval'
export type TargetKind = 'task' | 'script' | 'pipeline'
export type MisfirePolicy = 'SKIP' | 'FIRE_ONCE' | 'FIRE_ALL'
export const MISFIRE_POLICIES: readonly MisfirePolicy[] = ['SKIP', 'FIRE_ONCE', 'FIRE_ALL']
export const NAME_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/

export interface ScheduleForm {
  name: string
  description: string
  timing: TimingKind
  cron: string
  timeZone: string
  intervalSeconds: number | null
  target: TargetKind
  taskType: string
  taskTitle: string
  payloadText: string
  queue: string
  priority: Priority | null
  tags: string[]
  maxAttempts: number | null
  timeoutSeconds: number | null
  /** The script's or pipeline's name. */
  runName: string
  paramsText: string
  misfirePolicy: MisfirePolicy
  misfireLimit: number | null
  paused: boolean
}

export function emptyForm(): ScheduleForm {
  return {
    name: '',
    description: '',
    timing: 'cron',
    cron: '0 * * * *',
    timeZone: 'UTC',
    intervalSeconds: 3600,
    target: 'task',
    taskType: 'noop',
    taskTitle: '',
    payloadText: '{}',
    queue: '',
    priority: null,
    tags: [],
    maxAttempts: null,
    timeoutSeconds: null,
    runName: '',
    paramsText: '{}',
    misfirePolicy: 'FIRE_ONCE',
    misfireLimit: 10,
    paused: false,
  }
}

function json(value: Json | undefined, none: string): string {
  return value === undefined || value === null ? none : JSON.stringify(value, null, 2)
}

export function formOf(s: Schedule): ScheduleForm {
  const form = emptyForm()
  form.name = s.name
  form.description = s.description ?? ''
  form.timing = s.intervalSeconds ? 'interval' : 'cron'
  form.cron = s.cron ?? form.cron
  form.timeZone = s.timeZone ?? 'UTC'
  form.intervalSeconds = s.intervalSeconds ?? form.intervalSeconds
  if (s.task) {
    form.target = 'task'
    form.taskType = s.task.type
    form.taskTitle = s.task.title ?? ''
    // A template without a payload stays without one when saved again.
    form.payloadText = json(s.task.payload, '')
    form.queue = s.task.queue ?? ''
    form.priority = s.task.priority
    form.tags = s.task.tags ?? []
    form.maxAttempts = s.task.maxAttempts
    form.timeoutSeconds = s.task.timeoutSeconds
  } else {
    const run = s.script ?? s.pipeline
    form.target = s.script ? 'script' : 'pipeline'
    form.runName = run?.name ?? ''
    form.paramsText = json(run?.params, '{}')
  }
  form.misfirePolicy = (s.misfirePolicy as MisfirePolicy) ?? 'FIRE_ONCE'
  form.misfireLimit = s.misfireLimit
  form.paused = s.paused
  return form
}

/** A problem with a form field: an i18n code under `schedules.problem.`. */
export interface FormProblem {
  field: string
  code: string
  values?: Record<string, string | number>
}

function parseObject(text: string): { value?: { [key: string]: Json }; code?: string; error?: string } {
  if (!text.trim()) return { value: {} }
  try {
    const v = JSON.parse(text) as Json
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return { code: 'object' }
    return { value: v }
  } catch (e) {
    return { code: 'json', error: e instanceof Error ? e.message : String(e) }
  }
}

export function checkForm(f: ScheduleForm): FormProblem[] {
  const out: FormProblem[] = []
  if (!f.name.trim()) out.push({ field: 'name', code: 'required' })
  else if (!NAME_PATTERN.test(f.name.trim())) out.push({ field: 'name', code: 'namePattern' })
  if (f.timing === 'cron') {
    if (!isKnownZone(f.timeZone.trim() || 'UTC')) out.push({ field: 'timeZone', code: 'zone' })
    else {
      const fires = cronFires(f.cron, f.timeZone, 1)
      if (!fires.ok) out.push({ field: 'cron', code: fires.code, values: { error: fires.error ?? '' } })
    }
  } else if (!intervalFires(f.intervalSeconds ?? 0, 1).ok) {
    out.push({ field: 'intervalSeconds', code: 'interval' })
  }
  if (f.target === 'task') {
    if (!f.taskType.trim()) out.push({ field: 'task.type', code: 'required' })
    if (f.payloadText.trim()) {
      try {
        JSON.parse(f.payloadText)
      } catch (e) {
        out.push({ field: 'task.payload', code: 'json', values: { error: e instanceof Error ? e.message : String(e) } })
      }
    }
  } else {
    if (!f.runName.trim()) out.push({ field: `${f.target}.name`, code: 'required' })
    const params = parseObject(f.paramsText)
    if (params.code) out.push({ field: `${f.target}.params`, code: params.code, values: { error: params.error ?? '' } })
  }
  if (f.misfirePolicy === 'FIRE_ALL' && f.misfireLimit !== null && (f.misfireLimit < 1 || f.misfireLimit > 1000)) {
    out.push({ field: 'misfireLimit', code: 'range', values: { min: 1, max: 1000 } })
  }
  return out
}

/** The request body; call only when checkForm found nothing. `paused` only on create. */
export function bodyOf(f: ScheduleForm, create: boolean): Record<string, Json> {
  const body: Record<string, Json> = { name: f.name.trim(), misfirePolicy: f.misfirePolicy }
  if (f.description.trim()) body.description = f.description.trim()
  if (f.timing === 'cron') {
    body.cron = f.cron.trim().split(/\s+/).join(' ')
    body.timeZone = f.timeZone.trim() || 'UTC'
  } else {
    body.intervalSeconds = f.intervalSeconds
  }
  if (f.target === 'task') {
    const task: Record<string, Json> = { type: f.taskType.trim() }
    if (f.taskTitle.trim()) task.title = f.taskTitle.trim()
    if (f.payloadText.trim()) task.payload = JSON.parse(f.payloadText) as Json
    if (f.queue.trim()) task.queue = f.queue.trim()
    if (f.priority) task.priority = f.priority
    if (f.tags.length) task.tags = f.tags
    if (f.maxAttempts !== null) task.maxAttempts = f.maxAttempts
    if (f.timeoutSeconds !== null) task.timeoutSeconds = f.timeoutSeconds
    body.task = task
  } else {
    body[f.target] = { name: f.runName.trim(), params: parseObject(f.paramsText).value ?? {} }
  }
  if (f.misfirePolicy === 'FIRE_ALL' && f.misfireLimit !== null) body.misfireLimit = f.misfireLimit
  if (create) body.paused = f.paused
  return body
}

/** The form field a server error names (`task.type`, `script.params.month` -> `script.params`). */
export function formFieldOf(error: FieldError): string {
  const field = error.field ?? ''
  for (const prefix of ['task.', 'script.', 'pipeline.']) {
    if (field.startsWith(prefix)) {
      const rest = field.slice(prefix.length).split(/[.[]/)[0]
      return prefix + rest
    }
  }
  return field
}
