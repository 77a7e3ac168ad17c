import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'

import { failingPaths, PrimeroCaseWrite } from '../src/index.js'

const paths = <A>(codec: t.Decoder<unknown, A>, u: unknown) => {
  const result = codec.decode(u)
  return E.isLeft(result) ? failingPaths(result.left) : []
}

describe('failingPaths', () => {
  it('names JSON steps, not the members of unions and intersections', () => {
    expect(paths(PrimeroCaseWrite, { services_section: [{ unique_id: 'NOT-A-UUID' }] })).toEqual([
      'services_section.0.unique_id',
    ])
  })

  it('sees through exact and readonly wrappers around an intersection', () => {
    const Config = t.exact(
      t.intersection([
        t.type({
          primero: t.exact(
            t.intersection([t.type({ baseUrl: t.string }), t.partial({ timeoutMs: t.number })]),
          ),
        }),
        t.partial({ mapping: t.string }),
      ]),
    )
    expect([...paths(Config, { primero: { timeoutMs: 'soon' } })].sort()).toEqual([
      'primero.baseUrl',
      'primero.timeoutMs',
    ])
    expect([...paths(t.readonly(Config), { primero: {}, mapping: 3 })].sort()).toEqual([
      'mapping',
      'primero.baseUrl',
    ])
  })

  it('never carries a value', () => {
    expect(
      JSON.stringify(paths(PrimeroCaseWrite, { name_first: 42, sex: ['Sokha'] })),
    ).not.toContain('Sokha')
  })
})
