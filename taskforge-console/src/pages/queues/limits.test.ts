import { describe, expect, it } from 'vitest'
import { checkLimits, formFromQueue, patchFromForm } from './limits'

describe('queue limits form', () => {
  it('reads a queue without limits as empty fields', () => {
    expect(formFromQueue({ concurrencyLimit: null, ratePerSecond: null })).toEqual({ concurrencyLimit: null, ratePerSecond: null })
  })
  it('sends empty and zero as no limit', () => {
    expect(patchFromForm({ concurrencyLimit: 0, ratePerSecond: null })).toEqual({ concurrencyLimit: null, ratePerSecond: null })
    expect(patchFromForm({ concurrencyLimit: 4, ratePerSecond: 0.5 })).toEqual({ concurrencyLimit: 4, ratePerSecond: 0.5 })
  })
  it('refuses what the server would refuse', () => {
    expect(checkLimits({ concurrencyLimit: 4, ratePerSecond: 0.5 })).toEqual({})
    expect(Object.keys(checkLimits({ concurrencyLimit: 2.5, ratePerSecond: -1 }))).toEqual(['concurrencyLimit', 'ratePerSecond'])
    expect(checkLimits({ concurrencyLimit: 100_001, ratePerSecond: 100_000 })).toEqual({
      concurrencyLimit: ['queues.limits.intRange', { max: 100_000 }],
    })
  })
})
