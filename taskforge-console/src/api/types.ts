// The resources of the HTTP contract (API.md), as the server answers them. Timestamps are
// ISO-8601 UTC strings; ids are opaque strings. Fields the server may add later are ignored.

export type Role = 'VIEWER' | 'OPERATOR' | 'ADMIN'
export const ROLES: readonly Role[] = ['VIEWER', 'OPERATOR', 'ADMIN']

export type TaskStatus =
  | 'PENDING'
  | 'SCHEDULED'
  | 'QUEUED'
  | 'RUNNING'
  | 'RETRYING'
  | 'SUCCEEDED'
  | 'FAILED'
  | 'CANCELLED'
export const TASK_STATUSES: readonly TaskStatus[] = [
  'PENDING',
  'SCHEDULED',
  'QUEUED',
  'RUNNING',
  'RETRYING',
  'SUCCEEDED',
  'FAILED',
  'CANCELLED',
]
export const FINISHED_STATUSES: readonly TaskStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELLED']

export type Priority = 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT'
export const PRIORITIES: readonly Priority[] = ['LOW', 'NORMAL', 'HIGH', 'URGENT']

/** Any JSON value: payloads, results, parameters. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** One page of a list; `total` only when asked for (`includeTotal=true`). */
export interface Page<T> {
  items: T[]
  nextCursor?: string | null
  total?: number | null
}

/** A list answered whole (no cursor). */
export interface Items<T> {
  items: T[]
}

/** An error answer (RFC 9457 problem+json). */
export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  instance?: string
  errors?: FieldError[]
  [extra: string]: unknown
}

export interface FieldError {
  field: string
  message: string
}

export interface TaskError {
  type: string | null
  message: string | null
  stack: string | null
}

export interface TaskProgress {
  percent: number
  message: string | null
}

export interface Task {
  id: string
  type: string
  title: string | null
  description: string | null
  queue: string
  priority: Priority
  status: TaskStatus
  tags: string[]
  payload: Json
  result: Json
  error: TaskError | null
  attempt: number
  maxAttempts: number
  timeoutSeconds: number
  progress: TaskProgress | null
  runAt: string | null
  createdAt: string
  updatedAt: string
  startedAt: string | null
  finishedAt: string | null
  workerId: string | null
  uniqueKey: string | null
  pipelineRunId: string | null
  node: string | null
  cancelRequested?: boolean
}

/** The body of POST /tasks (and of each item of POST /tasks/batch). */
export interface TaskCreate {
  type: string
  title?: string
  description?: string
  payload?: Json
  queue?: string
  priority?: Priority
  tags?: string[]
  maxAttempts?: number
  timeoutSeconds?: number
  runAt?: string
  delaySeconds?: number
  uniqueKey?: string
}

export interface TaskPatch {
  title?: string
  description?: string
  priority?: Priority
  tags?: string[]
}

export interface TaskEvent {
  at: string
  type: string
  fromStatus: TaskStatus | null
  toStatus: TaskStatus | null
  attempt: number
  message: string | null
  error: TaskError | null
  actor: string | null
}

export interface LogLine {
  seq: number
  at: string
  attempt: number
  stream: 'stdout' | 'stderr' | string
  line: string
}

export interface LogPage {
  items: LogLine[]
  nextAfter: number
}

export interface Tag {
  name: string
  color: string | null
  taskCount: number
}

export type ScriptLanguage = 'bash' | 'sh' | 'python'

export interface Script {
  id: string
  name: string
  description: string | null
  language: ScriptLanguage
  content: string
  /** A JSON Schema object describing the run parameters. */
  parameters: Json
  queue: string | null
  timeoutSeconds: number
  maxAttempts: number
  version: number
  createdAt: string
  updatedAt: string
}

export interface ScriptVersionSummary {
  version: number
  language: ScriptLanguage
  createdAt: string
}

export interface ScriptVersion {
  scriptId: string
  version: number
  language: ScriptLanguage
  content: string
  parameters: Json
  createdAt: string
}

export interface ScriptRun {
  params: Record<string, Json>
  priority?: Priority
  tags?: string[]
  runAt?: string
}

export interface Queue {
  name: string
  scheduled: number
  queued: number
  running: number
  retrying: number
  failed: number
  paused: boolean
  concurrencyLimit: number | null
  ratePerSecond: number | null
  oldestQueuedAgeSeconds: number | null
}

export interface QueuePatch {
  paused?: boolean
  concurrencyLimit?: number | null
  ratePerSecond?: number | null
}

export type WorkerStatus = 'ACTIVE' | 'LOST' | 'STOPPED'

export interface Worker {
  id: string
  host: string
  pid: number
  queues: string[]
  concurrency: number
  busy: number
  startedAt: string
  lastHeartbeatAt: string
  status: WorkerStatus
  runningTaskIds: string[]
}

export type RunStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED'
export type StepStatus = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'SKIPPED'

export interface PipelineVersion {
  version: number
  createdAt: string
}

export interface Pipeline {
  id: string
  name: string
  version: number
  definition: { [key: string]: Json }
  createdAt: string
  versions: PipelineVersion[]
}

export interface PipelineStepTask {
  taskId: string
  node: string | null
  status: TaskStatus | string
  skipReason: string | null
}

export interface PipelineStep {
  id: string
  type: string
  status: StepStatus
  taskId: string | null
  tasks: PipelineStepTask[]
  result: Json
}

export interface PipelineRun {
  id: string
  pipelineId: string
  pipelineName: string
  pipelineVersion: number
  status: RunStatus
  params: { [key: string]: Json }
  error: string | null
  createdAt: string
  updatedAt: string
  finishedAt: string | null
  steps: PipelineStep[]
  results: { [key: string]: Json }
}

export interface ScheduleTaskTemplate {
  type: string
  title: string | null
  payload: Json
  queue: string | null
  priority: Priority | null
  tags: string[] | null
  maxAttempts: number | null
  timeoutSeconds: number | null
}

export interface ScheduleTarget {
  name: string
  params: Json
}

export interface Schedule {
  id: string
  name: string
  description: string | null
  cron: string | null
  timeZone: string | null
  intervalSeconds: number | null
  task: ScheduleTaskTemplate | null
  script: ScheduleTarget | null
  pipeline: ScheduleTarget | null
  paused: boolean
  misfirePolicy: string
  misfireLimit: number
  firedUpTo: string | null
  nextFireAt: string | null
  nextFireTimes: string[]
  createdAt: string
  updatedAt: string
}

export interface ScheduleFire {
  id: number
  slot: string
  manual: boolean
  firedAt: string
  outcome: string
  taskId: string | null
  runId: string | null
  error: string | null
}

// ---- auth ------------------------------------------------------------------------------------

export interface TokenPair {
  accessToken: string
  tokenType: string
  expiresIn: number
  expiresAt: string
  refreshToken: string
}

export interface TenantAccess {
  id: string
  name: string
  role: Role
}

export interface UserSummary {
  id: string
  name: string
  displayName: string | null
  superadmin: boolean
}

/** GET /auth/me */
export interface Me {
  user: UserSummary
  apiKey: { id: string; name: string } | null
  /** The tenant the request acted in. */
  tenant: string | null
  role: Role | null
  tenants: TenantAccess[]
}

// ---- monitoring ------------------------------------------------------------------------------

export interface SystemSnapshot {
  at: string
  startedAt: string
  uptimeSeconds: number
  cpu: { cores: number; processLoad: number | null; systemLoad: number | null; systemLoadAverage: number | null }
  memory: {
    heapUsed: number
    heapCommitted: number
    heapMax: number | null
    nonHeapUsed: number
    nonHeapCommitted: number
    nonHeapMax: number | null
    systemTotal: number | null
    systemFree: number | null
  }
  disk: { path: string; total: number; free: number; usable: number }
  jvm: {
    version: string
    vendor: string
    vmName: string
    uptimeSeconds: number
    threads: { live: number; daemon: number; peak: number; totalStarted: number }
    virtualThreads: { parallelism: number | null; poolSize: number | null; mounted: number | null; queued: number | null } | null
    gc: { name: string; count: number; timeMillis: number }[]
  }
}

export interface TaskStats {
  window: string
  since: string
  until: string
  countsByStatus: Record<TaskStatus, number>
  totals: { succeeded: number; failed: number }
  throughputPerMinute: { minute: string; succeeded: number; failed: number }[]
  durationsSince: string
  durationsByType: {
    type: string
    count: number
    p50Millis: number
    p95Millis: number
    p99Millis: number
    maxMillis: number
  }[]
}

export interface EndpointStats {
  method: string
  route: string
  count: number
  clientErrors: number
  serverErrors: number
  p50Millis: number
  p95Millis: number
  p99Millis: number
  maxMillis: number
}

export interface ApiStats {
  since: string
  items: EndpointStats[]
}
