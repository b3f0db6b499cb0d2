// Which form field a problem belongs to: the server names nested paths (`payload.x`,
// `dependsOn[0]`), a form shows them under the field they start with.
export interface ShownProblem {
  /** A field path, or '' for the whole step or pipeline. */
  field: string
  message: string
}

export function belongsTo(problemField: string, field: string): boolean {
  return problemField === field || problemField.startsWith(field + '.') || problemField.startsWith(field + '[')
}

/** The messages of one field, joined for a form item's feedback; undefined when none. */
export function feedbackOf(problems: ShownProblem[], field: string): string | undefined {
  const mine = problems.filter((p) => belongsTo(p.field, field)).map((p) => p.message)
  return mine.length ? mine.join('; ') : undefined
}

/** The problems that name none of {@code fields}. */
export function unplaced(problems: ShownProblem[], fields: string[]): ShownProblem[] {
  return problems.filter((p) => !fields.some((f) => belongsTo(p.field, f)))
}
