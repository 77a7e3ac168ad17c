import * as t from 'io-ts'
import { describe, expect, it } from 'vitest'

import { errorCode, failingPaths, nullable, REDACTED, redactQuery } from '../src/index.js'

describe('redactQuery', () => {
  it('keeps what `keep` allows and marks every other value, and odd keys, [redacted]', () => {
    const keep = (key: string) => key === 'page'
    expect(redactQuery('/x', [], keep)).toBe('/x')
    expect(
      redactQuery(
        '/x',
        [
          ['page', '2'],
          ['name', 'Sokha'],
          ['Sokha Chan', '1'],
        ],
        keep,
      ),
    ).toBe(`/x?page=2&name=${REDACTED}&${REDACTED}=${REDACTED}`)
    expect(REDACTED).toBe('[redacted]')
  })
})

describe('errorCode', () => {
  it('finds a system code along the cause chain, and nothing that is not a code', () => {
    const wrapped = new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })
    expect(errorCode(wrapped)).toBe('ECONNREFUSED')
    expect(errorCode({ code: 'Sokha Chan' })).toBeUndefined()
    expect(errorCode('ECONNRESET')).toBeUndefined()
  })
})

describe('failingPaths', () => {
  it('names the deepest failing paths, never values', () => {
    const C = t.type({ a: nullable(t.string), b: t.array(t.type({ c: t.number })) })
    const result = C.decode({ a: 1, b: [{ c: 'Sokha' }] })
    const paths = result._tag === 'Left' ? failingPaths(result.left) : []
    expect(paths).toEqual(['a', 'b.0.c'])
  })
})
