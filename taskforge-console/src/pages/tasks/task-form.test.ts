import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/http'
import { fieldMessage, formMessage } from './task-form'

const FIELDS = ['type', 'tags', 'payload', 'maxAttempts']

describe('server errors on the create form', () => {
  const error = new ApiError(422, 'Invalid request', {
    detail: '2 fields are not valid',
    errors: [
      { field: 'tags[1]', message: 'must be at most 50 characters' },
      { field: 'maxAttempts', message: 'must be between 1 and 100' },
    ],
  })

  it('puts each error next to the field it names, including parts of a field', () => {
    expect(fieldMessage(error, 'tags')).toBe('must be at most 50 characters')
    expect(fieldMessage(error, 'maxAttempts')).toBe('must be between 1 and 100')
    expect(fieldMessage(error, 'type')).toBeUndefined()
    expect(fieldMessage(new Error('x'), 'type')).toBeUndefined()
  })

  it('shows no form-level message when every error has its field', () => {
    expect(formMessage(error, FIELDS)).toBeUndefined()
  })

  it('shows the problem when no field carries it, with any field it could not place', () => {
    expect(formMessage(new ApiError(403, 'Forbidden', { detail: 'you may not run shell tasks' }), FIELDS)).toBe('you may not run shell tasks')
    const odd = new ApiError(422, 'Invalid request', { errors: [{ field: 'uniqueKey', message: 'too long' }] })
    expect(formMessage(odd, FIELDS)).toBe('Invalid request — uniqueKey: too long')
  })
})
