import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { useFormErrors } from './field-errors'

describe('form errors from the server', () => {
  it('put each field error next to its field and the rest above the buttons', () => {
    const errors = useFormErrors()
    errors.take(
      new ApiError(422, 'Invalid', {
        errors: [
          { field: 'name', message: 'must not be blank' },
          { field: 'tenants.nope', message: 'no such tenant' },
          { field: 'secret', message: 'unknown' },
        ],
      }),
      (f) => f === 'name' || f.startsWith('tenants.'),
    )
    expect(errors.fields).toEqual({ name: 'must not be blank', 'tenants.nope': 'no such tenant' })
    expect(errors.field('name')).toEqual({ feedback: 'must not be blank', 'validation-status': 'error' })
    expect(errors.field('displayName')).toEqual({})
    expect(errors.general.value).toBe('secret: unknown')
  })

  it('show a problem without fields, such as a conflict, as one message', () => {
    const errors = useFormErrors()
    errors.take(new ApiError(409, 'Conflict', { detail: "a user named 'ann' exists" }), () => true)
    expect(errors.fields).toEqual({})
    expect(errors.general.value).toBe("a user named 'ann' exists")
  })

  it('put a conflict about a field, such as a taken name, next to that field', () => {
    const errors = useFormErrors()
    const taken = new ApiError(409, 'Conflict', { type: 'urn:taskforge:problem:user-exists', detail: "a user named 'ann' exists" })
    errors.take(taken, () => true, { 'user-exists': 'name' })
    expect(errors.fields).toEqual({ name: "a user named 'ann' exists" })
    expect(errors.general.value).toBeNull()
    errors.take(new ApiError(409, 'Conflict', { type: 'urn:taskforge:problem:self-lockout', detail: 'no' }), () => true, { 'user-exists': 'name' })
    expect(errors.general.value).toBe('no')
  })

  it('forget the last attempt\'s errors when taking new ones', () => {
    const errors = useFormErrors()
    errors.take(new ApiError(422, 'Invalid', { errors: [{ field: 'name', message: 'bad' }] }), () => true)
    errors.take(new ApiError(500, 'Server error'), () => true)
    expect(errors.fields).toEqual({})
    expect(errors.general.value).toBe('Server error')
  })
})
