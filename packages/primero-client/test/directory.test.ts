import { describe, expect, it } from 'vitest'

import { isDecodeError } from '../src/index.js'
import { lookups } from './fixtures/cases.js'
import { calls, fails, ok, withClient } from './helpers.js'

describe('lookups, users and agencies', () => {
  it('reads every page of users (per 1000) and returns them all', async () => {
    const users = Array.from({ length: 2345 }, (_, i) => `user-${i}`)
    const { fake, primero } = await withClient({ users })
    const all = await ok(primero.listUsers())
    expect(all.map((u) => u.user_name)).toEqual(users)
    expect(calls(fake, 'GET', '/api/v2/users')).toBe(3)
    expect(fake.requests.every((r) => new URLSearchParams(r.query).get('per') === '1000')).toBe(
      true,
    )
  })

  it('filters users', async () => {
    const { primero } = await withClient({
      users: [
        { user_name: 'a', agency_id: 'agency-cif' },
        { user_name: 'b', agency_id: 'agency-fco' },
      ],
    })
    const found = await ok(primero.listUsers({ filters: { agency_id: 'agency-cif' } }))
    expect(found.map((u) => u.user_name)).toEqual(['a'])
  })

  it('lists agencies and lookups', async () => {
    const { primero } = await withClient({ agencies: ['agency-cif', 'agency-fco'], lookups })
    expect((await ok(primero.listAgencies())).map((a) => a.unique_id)).toEqual([
      'agency-cif',
      'agency-fco',
    ])
    const found = await ok(primero.listLookups())
    expect(
      found.find((l) => l.unique_id === 'lookup-risk-level')?.values.map((v) => v.id),
    ).toContain('high')
  })

  it('returns empty lists when the fake knows none', async () => {
    const { primero } = await withClient()
    expect(await ok(primero.listAgencies())).toEqual([])
  })

  it('a malformed entry is a DecodeError naming its path', async () => {
    const { primero } = await withClient({
      users: [{ user_name: 'ok' }, { full_name: 'no user name' } as never],
    })
    const error = await fails(primero.listUsers())
    expect(isDecodeError(error) && [error.codec, error.paths]).toEqual([
      'PrimeroUser',
      ['user_name'],
    ])
  })
})
