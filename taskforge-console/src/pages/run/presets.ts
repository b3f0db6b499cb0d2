// Named parameter sets saved in this browser, per tenant and script: a run that is made often is
// picked instead of typed. Kept under one localStorage key per tenant and script id (ids survive a
// rename, names do not).
import type { Json } from '@/api/types'

export interface Preset {
  name: string
  params: Record<string, Json>
  savedAt: string
}

const PREFIX = 'taskforge.run-presets'

export function presetKey(tenant: string, scriptId: string): string {
  return `${PREFIX}.${encodeURIComponent(tenant)}.${encodeURIComponent(scriptId)}`
}

function isPreset(v: unknown): v is Preset {
  if (typeof v !== 'object' || v === null) return false
  const p = v as Record<string, unknown>
  return typeof p.name === 'string' && typeof p.params === 'object' && p.params !== null && !Array.isArray(p.params)
}

/** The saved presets, by name; anything unreadable in storage counts as none. */
export function loadPresets(tenant: string, scriptId: string, storage: Storage = localStorage): Preset[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(presetKey(tenant, scriptId)) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter(isPreset).sort((a, b) => a.name.localeCompare(b.name)) : []
  } catch {
    return []
  }
}

function store(tenant: string, scriptId: string, presets: Preset[], storage: Storage) {
  const key = presetKey(tenant, scriptId)
  if (presets.length === 0) storage.removeItem(key)
  else storage.setItem(key, JSON.stringify(presets))
}

/** Saves {@code params} under {@code name}, replacing a preset of that name. Returns the presets. */
export function savePreset(tenant: string, scriptId: string, name: string, params: Record<string, Json>, storage: Storage = localStorage, now = new Date()): Preset[] {
  const trimmed = name.trim()
  if (!trimmed) throw new Error('A preset needs a name')
  const presets = loadPresets(tenant, scriptId, storage).filter((p) => p.name !== trimmed)
  presets.push({ name: trimmed, params, savedAt: now.toISOString() })
  store(tenant, scriptId, presets, storage)
  return loadPresets(tenant, scriptId, storage)
}

export function deletePreset(tenant: string, scriptId: string, name: string, storage: Storage = localStorage): Preset[] {
  store(
    tenant,
    scriptId,
    loadPresets(tenant, scriptId, storage).filter((p) => p.name !== name),
    storage,
  )
  return loadPresets(tenant, scriptId, storage)
}
