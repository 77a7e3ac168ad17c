/**
 * `key[]=a&key[]=b` list filters, as Primero reads them: Rails parses the repeated
 * bracketed key into an Array, `SearchFilterService#build_array_filter` makes a
 * `SearchFilters::TextList` of strings (any of the values, exact text: `@ == "a" || @ == "b"`,
 * app/models/search_filters/text_list.rb). Identifier fields (`Child.filterable_id_fields`,
 * app/models/child.rb) are passed raw by `select_id_params` (app/services/search_filter_service.rb),
 * never destringified: an all-digit value stays text. Other fields go through
 * `DestringifyService` element by element (app/services/destringify_service.rb): the first
 * element's type picks the list (`TextList`, `BooleanList`, `ValueList`).
 */
import { describe, expect, it } from 'vitest'

import { fakePrimero } from '../helpers.js'
import { ids } from './raw.js'

const seed = async (options?: Parameters<typeof fakePrimero>[0]) => {
  const fake = await fakePrimero(options)
  fake.seedCases([
    { id: 'a', case_id: 'CASE-A', oscar_number: '1001', status: 'open', age: 7, enabled: true },
    { id: 'b', case_id: 'CASE-B', oscar_number: 'OSC-B', status: 'closed', age: 12 },
    { id: 'c', case_id: 'CASE-C', status: 'open', age: 15, enabled: false },
    { id: 'd', case_id: 'CASE-A,CASE-B', oscar_number: 1001 },
  ])
  return fake
}

const sorted = async (fake: Awaited<ReturnType<typeof seed>>, query: string) =>
  (await ids(fake, query)).sort()

const brackets = (key: string, values: ReadonlyArray<string>): string =>
  values.map((v) => `${encodeURIComponent(`${key}[]`)}=${encodeURIComponent(v)}`).join('&')

describe('fake: key[]= list filters', () => {
  it('an identifier field: any of the values, exact text', async () => {
    const fake = await seed()
    expect(await sorted(fake, brackets('case_id', ['CASE-A', 'CASE-C', 'CASE-Z']))).toEqual([
      'a',
      'c',
    ])
    // Unencoded brackets are the same parameter.
    expect(await sorted(fake, 'case_id[]=CASE-B')).toEqual(['b'])
    expect(await sorted(fake, brackets('case_id', ['case-a']))).toEqual([])
  })

  it('an identifier value is never destringified: digits stay text, a comma stays in it', async () => {
    const fake = await seed()
    // `d` holds the number 1001: exact text "1001" does not match it.
    expect(await sorted(fake, brackets('oscar_number', ['1001', 'OSC-B']))).toEqual(['a', 'b'])
    expect(await sorted(fake, brackets('case_id', ['CASE-A,CASE-B']))).toEqual(['d'])
  })

  it('a plain comma value on an identifier is one text value, not a list', async () => {
    const fake = await seed()
    expect(await sorted(fake, 'case_id=CASE-A,CASE-B')).toEqual(['d'])
  })

  it('an identifier list applies whatever the role may read', async () => {
    const fake = await seed({ filterableFields: ['id'] })
    expect(await sorted(fake, brackets('case_id', ['CASE-B', 'CASE-C']))).toEqual(['b', 'c'])
  })

  it('other fields: destringified, the first value picks text, boolean or number', async () => {
    const fake = await seed()
    expect(await sorted(fake, brackets('status', ['closed', 'pending']))).toEqual(['b'])
    expect(await sorted(fake, brackets('age', ['7', '15']))).toEqual(['a', 'c'])
    expect(await sorted(fake, brackets('enabled', ['false']))).toEqual(['c'])
  })

  it('a list on a field the role cannot read is dropped, silently', async () => {
    const fake = await seed({ filterableFields: ['id'], idSearchFields: [] })
    expect(await sorted(fake, brackets('case_id', ['CASE-A']))).toEqual(['a', 'b', 'c', 'd'])
  })
})
