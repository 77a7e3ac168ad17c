import type { ClientSink, OscarClient } from '@primero-interop/oscar-client'
import { isDecodeError, isNetworkError, isNonJsonResponse } from '@primero-interop/oscar-client'
import { afterEach, describe, expect, it } from 'vitest'

import { aClient } from './fixtures/records.js'
import {
  closeAll,
  harness,
  hits,
  left,
  manualClock,
  right,
  startStub,
  withSignIn,
} from './helpers.js'

afterEach(closeAll)

const CLIENTS = '/organizations/clients'

/** A sink per `start()`: the global ids it got, and whether it was finished. */
const countingSinks = () => {
  const sinks: Array<{ readonly ids: string[]; finished: boolean }> = []
  const start = (): ClientSink<ReadonlyArray<string>> => {
    const sink = { ids: [] as string[], finished: false }
    sinks.push(sink)
    return {
      add: (client: OscarClient) => void sink.ids.push(client.global_id),
      done: () => {
        sink.finished = true
        return sink.ids
      },
    }
  }
  return { sinks, start }
}

const id = (n: number): string => `01J00000000000000000000${String(n).padStart(3, '0')}`

describe('readClientsInto: each client to a sink as the answer arrives', () => {
  it('hands clients over before the answer has ended (the text is never waited for)', async () => {
    const events: string[] = []
    let firstClient!: () => void
    const arrived = new Promise<void>((resolve) => (firstClient = resolve))
    const url = await startStub(
      withSignIn((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        res.write(`{"data":[{"global_id":"${id(1)}"},{"global_id":"${id(2)}"},`)
        // The rest only once the client has decoded a record: a client waiting for the
        // whole text would wait until its own timeout (and fail: no retry).
        void arrived.then(() => {
          events.push('rest written')
          res.end(`{"global_id":"${id(3)}"}]}`)
        })
      }),
    )
    const { newClient } = await harness()
    const oscar = newClient({ baseUrl: url, retry: false, timeoutMs: 20_000 })
    const { clients } = await right(
      oscar.readClientsInto({ since: '2024-01-01' }, () => {
        const ids: string[] = []
        return {
          add: (client) => {
            events.push(client.global_id)
            ids.push(client.global_id)
            firstClient()
          },
          done: () => ids,
        }
      }),
    )
    expect(clients).toEqual([id(1), id(2), id(3)])
    expect(events).toEqual([id(1), id(2), 'rest written', id(3)])
  })

  it('a body cut mid-array is read again into a fresh sink: each client exactly once', async () => {
    const { fake, oscar, events } = await harness({ clock: manualClock('2024-01-01').clock })
    for (let n = 0; n < 40; n++) fake.seedClient(aClient({ global_id: id(n) }))
    fake.setFaults({ path: CLIENTS, cutBody: { next: 1 } })
    const { sinks, start } = countingSinks()
    const read = await right(oscar.readClientsInto({ since: '2000-01-01' }, start))
    // The cut answer reached its sink in part; that sink was dropped, never finished.
    expect(sinks).toHaveLength(2)
    expect(sinks[0]?.ids.length).toBeGreaterThan(0)
    expect(sinks[0]?.ids.length).toBeLessThan(40)
    expect(sinks.map((s) => s.finished)).toEqual([false, true])
    expect([...read.clients].sort()).toEqual(Array.from({ length: 40 }, (_, n) => id(n)))
    expect(hits(fake, CLIENTS)).toHaveLength(2)
    const retry = events.find((e) => e.event === 'oscar.retry')
    expect(retry?.fields?.['reason']).toMatch(/^(UND_ERR_SOCKET|ECONNRESET|transfer)$/)
    // readClients is the same read: no client twice after a cut either.
    fake.setFaults({ path: CLIENTS, cutBody: { next: 1 } })
    const again = await right(oscar.readClients({ since: '2000-01-01' }))
    expect(new Set(again.clients.map((c) => c.global_id)).size).toBe(40)
    expect(again.clients).toHaveLength(40)
  })

  it('reports and logs each record as readClients does, by index, without values', async () => {
    const body = JSON.stringify({
      data: [
        { global_id: id(1) },
        7,
        { global_id: 99, given_name: 'Planted Name' },
        { global_id: id(2), is_referred: 'true', slug: 1234567 },
      ],
    })
    const url = await startStub(
      withSignIn((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(body),
      ),
    )
    const { newClient, events } = await harness()
    const oscar = newClient({ baseUrl: url })
    const { sinks, start } = countingSinks()
    const into = await right(oscar.readClientsInto({ since: '2024-01-01' }, start))
    const intoEvents = events.splice(0).filter((e) => e.event.startsWith('oscar.client'))
    const whole = await right(oscar.readClients({ since: '2024-01-01' }))
    const wholeEvents = events.filter((e) => e.event.startsWith('oscar.client'))

    expect(into.clients).toEqual([id(1), id(2)])
    expect(whole.clients.map((c) => c.global_id)).toEqual([id(1), id(2)])
    expect(sinks).toHaveLength(1)
    expect(into.rejected).toEqual([
      { index: 1, paths: [''] },
      { index: 2, paths: ['global_id'] },
    ])
    expect(into.repaired).toEqual([
      { index: 3, globalId: id(2), paths: ['is_referred', 'slug'], dropped: ['slug'] },
    ])
    expect([whole.rejected, whole.repaired]).toEqual([into.rejected, into.repaired])
    expect(intoEvents.map((e) => e.event)).toEqual([
      'oscar.client_rejected',
      'oscar.client_rejected',
      'oscar.client_repaired',
      'oscar.clients_read',
    ])
    expect(intoEvents.at(-1)?.fields).toEqual({
      path: '/api/v1/organizations/clients?since_date=2024-01-01 00:00:00',
      clients: 2,
      rejected: 2,
      repaired: 1,
    })
    expect(wholeEvents).toEqual(intoEvents)
    expect(JSON.stringify(events)).not.toMatch(/Planted|1234567/)
  })

  it('malformed JSON, data not an array, a non-JSON type, an empty body: the errors as before', async () => {
    const answers: Record<string, readonly [string, string]> = {
      '/garbled': ['application/json', `{"data":[{"global_id":"${id(1)}"},{"global_id":]}`],
      '/trailing': ['application/json', `{"data":[{"global_id":"${id(1)}"}]} <p>Planted</p>`],
      '/object': ['application/json', `{"data":{"a":{"global_id":"${id(1)}"}}}`],
      '/missing': ['application/json', `{"clients":[{"global_id":"${id(1)}"}]}`],
      '/html': ['text/html', `{"data":[{"global_id":"${id(1)}"}]}`],
      '/empty': ['application/json', ''],
    }
    let current = '/garbled'
    const url = await startStub(
      withSignIn((_req, res) => {
        const [type, text] = answers[current] ?? ['', '']
        res.writeHead(200, { 'content-type': type }).end(text)
      }),
    )
    const { newClient } = await harness()
    const oscar = newClient({ baseUrl: url })
    const seen: Record<string, unknown> = {}
    for (const path of Object.keys(answers)) {
      current = path
      const { sinks, start } = countingSinks()
      const error = await left(oscar.readClientsInto({ since: '2024-01-01' }, start))
      expect(sinks.every((s) => !s.finished)).toBe(true)
      expect(error.message).not.toContain('Planted')
      seen[path] = isDecodeError(error)
        ? ['DecodeError', error.paths]
        : isNonJsonResponse(error)
          ? ['NonJsonResponse', error.status, error.contentType]
          : error._tag
    }
    expect(seen).toEqual({
      '/garbled': ['NonJsonResponse', 200, 'application/json'],
      '/trailing': ['NonJsonResponse', 200, 'application/json'],
      '/object': ['DecodeError', ['data']],
      '/missing': ['DecodeError', ['data']],
      '/html': ['NonJsonResponse', 200, 'text/html'],
      '/empty': ['NonJsonResponse', 200, 'application/json'],
    })
  })

  it('a sink that throws fails the read with its own error, without a retry', async () => {
    const { fake, oscar } = await harness()
    fake.seedClient(aClient())
    const bug = new RangeError('sink bug')
    const read = oscar.readClientsInto({ since: '2000-01-01' }, () => ({
      add: () => {
        throw bug
      },
      done: () => undefined,
    }))
    await expect(read()).rejects.toBe(bug)
    expect(hits(fake, CLIENTS)).toHaveLength(1)
  })

  it("the fake's cutBody cuts every targeted answer mid-body (true) or the next n", async () => {
    const { fake, newClient } = await harness({ clock: manualClock('2024-01-01').clock })
    fake.seedClient(aClient({ global_id: id(1) }))
    const oscar = newClient({ retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 } })
    fake.setFaults({ path: CLIENTS, cutBody: true })
    const error = await left(oscar.readClients({ since: '2000-01-01' }))
    expect(isNetworkError(error) && error.phase).toBe('transfer')
    // The status line went out before the cut.
    expect(hits(fake, CLIENTS).map((r) => r.status)).toEqual([200, 200])
    fake.setFaults({ path: CLIENTS, cutBody: { next: 1 } })
    expect(
      (await right(oscar.listClients({ since: '2000-01-01' }))).map((c) => c.global_id),
    ).toEqual([id(1)])
    expect(hits(fake, CLIENTS)).toHaveLength(4)
  })
})
