import { beforeEach, describe, expect, it } from 'vitest'
import { deletePreset, loadPresets, presetKey, savePreset } from './presets'

describe('presets', () => {
  beforeEach(() => localStorage.clear())

  it('saves, lists by name and deletes presets', () => {
    savePreset('default', 's1', 'nightly', { who: 'ann' })
    savePreset('default', 's1', 'adhoc', { who: 'bob' })
    expect(loadPresets('default', 's1').map((p) => p.name)).toEqual(['adhoc', 'nightly'])
    expect(deletePreset('default', 's1', 'adhoc').map((p) => p.name)).toEqual(['nightly'])
    deletePreset('default', 's1', 'nightly')
    expect(localStorage.getItem(presetKey('default', 's1'))).toBeNull()
  })

  it('replaces a preset saved again under the same name', () => {
    savePreset('default', 's1', 'p', { who: 'ann' })
    const presets = savePreset('default', 's1', ' p ', { who: 'bob' })
    expect(presets).toHaveLength(1)
    expect(presets[0].params).toEqual({ who: 'bob' })
  })

  it('keeps presets apart by tenant and script', () => {
    savePreset('a', 's1', 'p', { x: 1 })
    expect(loadPresets('b', 's1')).toEqual([])
    expect(loadPresets('a', 's2')).toEqual([])
    expect(loadPresets('a', 's1')).toHaveLength(1)
  })

  it('refuses a blank name', () => {
    expect(() => savePreset('a', 's', '  ', {})).toThrow()
  })

  it('reads broken storage as no presets', () => {
    localStorage.setItem(presetKey('a', 's'), '{not json')
    expect(loadPresets('a', 's')).toEqual([])
    localStorage.setItem(presetKey('a', 's'), JSON.stringify([{ name: 'ok', params: {} }, { name: 1 }, 'x']))
    expect(loadPresets('a', 's').map((p) => p.name)).toEqual(['ok'])
  })
})
