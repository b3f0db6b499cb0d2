// The editor's form of a script, and the body to send: everything when creating, only what
// changed when patching (a changed content, language or schema makes a new version, so sending
// unchanged ones would be wrong).
import type { Json, Script, ScriptLanguage } from '@/api/types'

export const LANGUAGES: readonly ScriptLanguage[] = ['bash', 'sh', 'python']

/** What a new script starts with: how parameters reach it. */
export const STARTERS: Record<ScriptLanguage, string> = {
  bash: '#!/usr/bin/env bash\nset -euo pipefail\n\n# Each parameter is an environment variable TF_PARAM_<NAME>; all of them are JSON on stdin.\necho "Hello, ${TF_PARAM_WHO:-world}"\n',
  sh: '#!/bin/sh\nset -eu\n\n# Each parameter is an environment variable TF_PARAM_<NAME>; all of them are JSON on stdin.\necho "Hello, ${TF_PARAM_WHO:-world}"\n',
  python:
    'import json\nimport sys\n\n# The parameters arrive as one JSON object on stdin (and as TF_PARAM_<NAME> variables).\nparams = json.load(sys.stdin)\nprint(f"Hello, {params.get(\'who\', \'world\')}")\n# A JSON object on the last line becomes the task\'s result.\nprint(json.dumps({"greeted": params.get("who", "world")}))\n',
}

export const EMPTY_SCHEMA = '{\n  "type": "object",\n  "properties": {}\n}'

export interface ScriptForm {
  name: string
  description: string
  language: ScriptLanguage
  content: string
  /** The parameter schema as JSON text. */
  parameters: string
  queue: string
  timeoutSeconds: number | null
  maxAttempts: number | null
}

export function formOf(s: Script | null): ScriptForm {
  if (!s) return { name: '', description: '', language: 'bash', content: STARTERS.bash, parameters: EMPTY_SCHEMA, queue: '', timeoutSeconds: null, maxAttempts: null }
  return {
    name: s.name,
    description: s.description ?? '',
    language: s.language,
    content: s.content,
    parameters: JSON.stringify(s.parameters ?? {}, null, 2),
    queue: s.queue ?? '',
    timeoutSeconds: s.timeoutSeconds,
    maxAttempts: s.maxAttempts,
  }
}

function parsed(text: string): Json | undefined {
  try {
    return text.trim() === '' ? {} : (JSON.parse(text) as Json)
  } catch {
    return undefined
  }
}

/** The request body: all given fields for a new script, the changed ones for an existing one. */
export function changesOf(s: Script | null, f: ScriptForm): { body: Record<string, Json> } {
  const body: Record<string, Json> = {}
  const params = parsed(f.parameters)
  if (!s) {
    body.name = f.name.trim()
    body.language = f.language
    body.content = f.content
    if (f.description.trim()) body.description = f.description.trim()
    if (params !== undefined) body.parameters = params
    if (f.queue.trim()) body.queue = f.queue.trim()
    if (f.timeoutSeconds !== null) body.timeoutSeconds = f.timeoutSeconds
    if (f.maxAttempts !== null) body.maxAttempts = f.maxAttempts
    return { body }
  }
  if (f.name.trim() !== s.name) body.name = f.name.trim()
  if (f.description.trim() !== (s.description ?? '')) body.description = f.description.trim()
  if (f.language !== s.language) body.language = f.language
  if (f.content !== s.content) body.content = f.content
  if (params !== undefined && JSON.stringify(params) !== JSON.stringify(s.parameters ?? {})) body.parameters = params
  if (f.queue.trim() !== (s.queue ?? '') && f.queue.trim() !== '') body.queue = f.queue.trim()
  if (f.timeoutSeconds !== null && f.timeoutSeconds !== s.timeoutSeconds) body.timeoutSeconds = f.timeoutSeconds
  if (f.maxAttempts !== null && f.maxAttempts !== s.maxAttempts) body.maxAttempts = f.maxAttempts
  return { body }
}
