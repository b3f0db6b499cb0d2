// Validation issues and server field errors, sorted onto the form: "params.hosts[1]" belongs to
// the field "hosts" and reads "[1]: …" there.
import type { FieldError } from '@/api/types'
import type { Issue } from './validate'

type Translate = (key: string, args?: Record<string, unknown>) => string

/** The form field a server or browser field name belongs to, and the rest of the path. */
export function splitField(field: string, prefix = 'params'): { name: string; rest: string } | null {
  if (!field.startsWith(prefix + '.')) return null
  const path = field.slice(prefix.length + 1)
  const m = /^([^.[]+)(.*)$/.exec(path)
  return m ? { name: m[1], rest: m[2].replace(/^\./, '') } : null
}

export function issueText(issue: Issue, t: Translate): string {
  return t(`run.issue.${issue.kind}`, issue.args)
}

/** One message per form field: the browser's issues and the server's field errors. */
export function messagesByField(issues: Issue[], serverErrors: FieldError[], t: Translate): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {}
  const other: string[] = []
  const put = (field: string, text: string) => {
    const at = splitField(field)
    if (!at) {
      other.push(field === 'params' ? text : `${field}: ${text}`)
      return
    }
    if (byField[at.name]) return
    byField[at.name] = at.rest ? t('run.issue.at', { at: at.rest, message: text }) : text
  }
  for (const i of issues) put(i.field, issueText(i, t))
  for (const e of serverErrors) put(e.field, e.message)
  return { byField, other }
}
