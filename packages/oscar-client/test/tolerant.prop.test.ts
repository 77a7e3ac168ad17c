/**
 * Any client with a global id, with any one field (of the client or of a service)
 * replaced by any JSON value, is read: the field is valid or absent, the warning names its
 * path (or its service's), and no warning carries the planted value.
 */
import { OscarClient, OscarService } from '@primero-interop/oscar-client'
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import { clientFields, serviceFields } from '../src/codecs/Client.js'
import { splitRecords } from '../src/operations/readClients.js'
import { oscarClientRecord, oscarService } from './arbitraries/oscar.js'

const RUNS = { numRuns: 200 }
const PLANTED = 'Sokha'

/** Any JSON value whose strings carry the planted name, or one a repair reads. */
const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }).map((u) => (typeof u === 'string' ? `${PLANTED} ${u}` : u)),
  fc.constant(`${PLANTED} Dara`),
  fc.dictionary(fc.constant(PLANTED), fc.string(), { minKeys: 1, maxKeys: 1 }),
  fc.constantFrom('88', ' 7 ', 'true', 'FALSE', [null], ['a', null], [1], 'x'),
)

const accepted = (codec: { decode: (u: unknown) => E.Either<unknown, unknown> }, u: unknown) =>
  E.isRight(codec.decode(u))

describe('readClients, tolerantly', () => {
  it('a client field: the client is kept, the field valid or absent, named by its path', () => {
    const keys = Object.keys(clientFields) as Array<keyof typeof clientFields>
    fc.assert(
      fc.property(oscarClientRecord, fc.constantFrom(...keys), oddValue, (record, key, value) => {
        const { clients, rejected, repaired } = splitRecords([{ ...record, [key]: value }])
        expect(rejected).toEqual([])
        expect(clients.map((c) => c.global_id)).toEqual([record.global_id])
        const client = clients[0] ?? expect.fail('kept')
        const paths = repaired.flatMap((r) => r.paths)
        expect(paths.every((p) => p === key || p.startsWith(`${key}.`))).toBe(true)
        if (accepted(clientFields[key], value)) expect(paths).toEqual([])
        else expect(paths.length).toBeGreaterThan(0)
        if (key in client) expect(accepted(clientFields[key], client[key])).toBe(true)
        if (repaired[0]?.dropped.includes(key)) expect(client).not.toHaveProperty(key)
        expect(accepted(OscarClient, client)).toBe(true)
        expect(JSON.stringify(repaired)).not.toContain(PLANTED)
      }),
      RUNS,
    )
  })

  it('a service field: the service is kept (left out only without a name), named by path', () => {
    const keys = ['name', ...Object.keys(serviceFields)]
    const services = fc.array(oscarService, { maxLength: 2 })
    fc.assert(
      fc.property(
        oscarClientRecord,
        services,
        oscarService,
        fc.constantFrom(...keys),
        oddValue,
        (record, before, service, key, value) => {
          const i = before.length
          const odd = { ...service, [key]: value }
          const raw = { ...record, services: [...before, odd] }
          const { clients, rejected, repaired } = splitRecords([raw])
          expect(rejected).toEqual([])
          const read = clients[0]?.services ?? expect.fail('services kept')
          const paths = repaired.flatMap((r) => r.paths)
          expect(JSON.stringify(repaired)).not.toContain(PLANTED)
          if (accepted(OscarService, odd)) {
            expect(paths).toEqual([])
            expect(read).toHaveLength(i + 1)
          } else if (key === 'name') {
            expect(paths).toEqual([`services.${i}`])
            expect(read).toHaveLength(i)
          } else {
            expect(paths).toEqual([`services.${i}.${key}`])
            const kept = read[i] ?? expect.fail('service kept')
            if (key in kept) expect(accepted(OscarService, kept)).toBe(true)
            else expect(repaired[0]?.dropped).toEqual(paths)
          }
        },
      ),
      RUNS,
    )
  })

  it('reading what was read says nothing more', () => {
    const keys = Object.keys(clientFields)
    fc.assert(
      fc.property(oscarClientRecord, fc.constantFrom(...keys), oddValue, (record, key, value) => {
        const first = splitRecords([{ ...record, [key]: value }])
        const again = splitRecords(first.clients)
        expect(again).toEqual({ clients: first.clients, rejected: [], repaired: [] })
      }),
      RUNS,
    )
  })
})
