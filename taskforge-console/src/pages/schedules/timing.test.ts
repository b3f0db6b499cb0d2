import { describe, expect, it } from 'vitest'
import type { Schedule } from '@/api/types'
import { cronFires, describeSeconds, intervalFires } from './timing'
import { bodyOf, checkForm, emptyForm, formFieldOf, formOf } from './schedule-form'

const iso = (r: { ok: boolean; value?: Date[] }) => (r.ok ? r.value!.map((d) => d.toISOString()) : r)

describe('cron fires', () => {
  it('reads 5 fields to the minute', () => {
    expect(iso(cronFires('*/15 * * * *', 'UTC', 3, new Date('2026-11-23T10:07:30Z')))).toEqual([
      '2026-11-23T10:15:00.000Z',
      '2026-11-23T10:30:00.000Z',
      '2026-11-23T10:45:00.000Z',
    ])
  })

  it('reads 6 fields with seconds first', () => {
    expect(iso(cronFires('*/10 * * * * *', 'UTC', 2, new Date('2026-11-23T10:07:31Z')))).toEqual([
      '2026-11-23T10:07:40.000Z',
      '2026-11-23T10:07:50.000Z',
    ])
  })

  it('reads the expression in its zone, summer and winter alike', () => {
    expect(iso(cronFires('0 9 * * *', 'Europe/Berlin', 1, new Date('2026-01-10T00:00:00Z')))).toEqual(['2026-01-10T08:00:00.000Z'])
    expect(iso(cronFires('0 9 * * *', 'Europe/Berlin', 1, new Date('2026-07-10T00:00:00Z')))).toEqual(['2026-07-10T07:00:00.000Z'])
  })

  it('fires on weekdays only for MON-FRI', () => {
    const fires = cronFires('30 9 * * MON-FRI', 'UTC', 5, new Date('2026-11-21T00:00:00Z'))
    expect(fires.ok && fires.value.map((d) => d.getUTCDay())).toEqual([1, 2, 3, 4, 5])
  })

  it('refuses other field counts, bad expressions and unknown zones', () => {
    expect(cronFires('* * * *', 'UTC', 1)).toEqual({ ok: false, code: 'cronFields' })
    expect(cronFires('* * * * * * *', 'UTC', 1)).toEqual({ ok: false, code: 'cronFields' })
    expect(cronFires('61 * * * *', 'UTC', 1)).toMatchObject({ ok: false, code: 'cron' })
    expect(cronFires('0 * * * *', 'Mars/Olympus', 1)).toEqual({ ok: false, code: 'zone' })
  })
})

describe('interval fires', () => {
  it('aligns slots to the epoch', () => {
    expect(iso(intervalFires(30, 3, new Date('2026-11-23T10:07:31Z')))).toEqual([
      '2026-11-23T10:08:00.000Z',
      '2026-11-23T10:08:30.000Z',
      '2026-11-23T10:09:00.000Z',
    ])
    expect(iso(intervalFires(3600, 1, new Date('2026-11-23T10:00:00Z')))).toEqual(['2026-11-23T11:00:00.000Z'])
  })

  it('refuses what is not a whole positive number of seconds', () => {
    expect(intervalFires(0, 1).ok).toBe(false)
    expect(intervalFires(1.5, 1).ok).toBe(false)
  })

  it('describes an interval', () => {
    expect(describeSeconds(30)).toBe('30 s')
    expect(describeSeconds(5400)).toBe('1 h 30 min')
    expect(describeSeconds(86400)).toBe('1 d')
  })
})

describe('schedule form', () => {
  it('makes a cron task body with only the fields given', () => {
    const f = { ...emptyForm(), name: 'nightly', cron: ' 0  2 * * * ', timeZone: 'Europe/Berlin', taskType: 'shell', payloadText: '{"command": "x"}', tags: ['etl'] }
    expect(checkForm(f)).toEqual([])
    expect(bodyOf(f, true)).toEqual({
      name: 'nightly',
      misfirePolicy: 'FIRE_ONCE',
      cron: '0 2 * * *',
      timeZone: 'Europe/Berlin',
      task: { type: 'shell', payload: { command: 'x' }, tags: ['etl'] },
      paused: false,
    })
  })

  it('makes an interval pipeline body and leaves paused out of a replace', () => {
    const f = { ...emptyForm(), name: 'p', timing: 'interval' as const, intervalSeconds: 30, target: 'pipeline' as const, runName: 'etl', paramsText: '{"a": 1}' }
    expect(bodyOf(f, false)).toEqual({ name: 'p', misfirePolicy: 'FIRE_ONCE', intervalSeconds: 30, pipeline: { name: 'etl', params: { a: 1 } } })
  })

  it('names each bad field', () => {
    const f = { ...emptyForm(), name: 'bad name', cron: '* *', target: 'script' as const, runName: '', paramsText: '[1]' }
    expect(checkForm(f).map((p) => `${p.field}:${p.code}`)).toEqual(['name:namePattern', 'cron:cronFields', 'script.name:required', 'script.params:object'])
  })

  it('reads a stored schedule back into the form', () => {
    const s = {
      id: '1',
      name: 'ping',
      description: null,
      cron: null,
      timeZone: null,
      intervalSeconds: 30,
      task: { type: 'http', title: null, payload: { url: 'http://x' }, queue: null, priority: null, tags: null, maxAttempts: null, timeoutSeconds: null },
      script: null,
      pipeline: null,
      paused: true,
      misfirePolicy: 'SKIP',
      misfireLimit: 10,
    } as unknown as Schedule
    const f = formOf(s)
    expect(f).toMatchObject({ name: 'ping', timing: 'interval', intervalSeconds: 30, target: 'task', taskType: 'http', paused: true, misfirePolicy: 'SKIP', tags: [] })
    expect(JSON.parse(f.payloadText)).toEqual({ url: 'http://x' })
  })

  it('puts the server errors under the form field they start with', () => {
    expect(formFieldOf({ field: 'script.params.month', message: 'm' })).toBe('script.params')
    expect(formFieldOf({ field: 'task.tags[0]', message: 'm' })).toBe('task.tags')
    expect(formFieldOf({ field: 'cron', message: 'm' })).toBe('cron')
  })
})
