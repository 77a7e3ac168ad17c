import { describe, expect, it } from 'vitest'

import type { Exchange, RecordSink } from '../src/index.js'
import { createAttempt } from '../src/index.js'
import { serve } from './serve.js'

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' }

/** A sink keeping what it gets, and every sink `start` made. */
const sinks = () => {
  const started: Array<{ readonly got: unknown[] } & RecordSink> = []
  return {
    started,
    records: {
      key: 'data',
      start: () => {
        const got: unknown[] = []
        const sink = { got, add: (record: unknown) => void got.push(record) }
        started.push(sink)
        return sink
      },
    },
  }
}

const bodyOf = <S>(exchange: Exchange<S>) => {
  if (exchange.kind !== 'response') throw new Error(`no response: ${exchange.failure}`)
  return exchange.body
}

describe('a streamed JSON body', () => {
  it('hands records to the sink as the bytes arrive, before the answer has ended', async () => {
    const events: string[] = []
    let firstRecord!: () => void
    const arrived = new Promise<void>((resolve) => (firstRecord = resolve))
    const url = await serve((_req, res) => {
      res.writeHead(200, JSON_TYPE)
      res.write('{"data":[{"id":1},{"id":2},')
      // The rest is written once the client has parsed the first records; a client that
      // waited for the whole text would wait until its own timeout.
      void arrived.then(() => {
        events.push('rest written')
        res.end('{"id":3}]}')
      })
    })
    const got: unknown[] = []
    const exchange = await createAttempt({ timeoutMs: 20_000 })({
      method: 'GET',
      url,
      records: {
        key: 'data',
        start: () => ({
          add: (record) => {
            events.push('record')
            got.push(record)
            firstRecord()
          },
        }),
      },
    })
    expect(exchange).toMatchObject({ kind: 'response', status: 200 })
    expect(got).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }])
    expect(events).toEqual(['record', 'record', 'rest written', 'record'])
  })

  it('keeps the other top-level keys and leaves the streamed array empty', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, JSON_TYPE)
      res.end('{"meta":{"n":3},"data":[{"a":[1,{"b":null}]},"x",3,[],{}],"z":true}\n')
    })
    const { started, records } = sinks()
    const body = bodyOf(await createAttempt({ timeoutMs: 5_000 })({ method: 'GET', url, records }))
    expect(body).toEqual({
      kind: 'json',
      value: { meta: { n: 3 }, data: [], z: true },
      records: started[0],
    })
    expect(started.map((s) => s.got)).toEqual([[{ a: [1, { b: null }] }, 'x', 3, [], {}]])
  })

  it('parses text split inside a character, a string and a number across chunks', async () => {
    const bytes = Buffer.from('\ufeff{"data":[{"name":"Sréy Kéo","n":12345},{"x":"\\u00e9"}]}')
    const url = await serve((_req, res) => {
      res.writeHead(200, JSON_TYPE)
      // One byte per chunk: every boundary falls somewhere.
      const next = (i: number): void => {
        if (i >= bytes.length) return void res.end()
        res.write(bytes.subarray(i, i + 1), () => next(i + 1))
      }
      next(0)
    })
    const { started, records } = sinks()
    const body = bodyOf(await createAttempt({ timeoutMs: 20_000 })({ method: 'GET', url, records }))
    expect(body.kind).toBe('json')
    expect(started[0]?.got).toEqual([{ name: 'Sréy Kéo', n: 12345 }, { x: 'é' }])
  })

  it('leaves a key that is not an array, and any other top-level value, as it came', async () => {
    const answers = ['{"data":{"a":{"x":1}}}', '[{"data":[1]}]', '5', '{"other":[1]}']
    const url = await serve((req, res) => {
      res.writeHead(200, JSON_TYPE).end(answers[Number(req.url?.slice(1))])
    })
    const attempt = createAttempt({ timeoutMs: 5_000 })
    for (const [i, text] of answers.entries()) {
      const { started, records } = sinks()
      const body = bodyOf(await attempt({ method: 'GET', url: `${url}/${i}`, records }))
      expect(body).toEqual({ kind: 'json', value: JSON.parse(text), records: started[0] })
      expect(started[0]?.got).toEqual([])
    }
  })

  it('malformed JSON is not-json, whitespace is empty, as with the text read', async () => {
    const answers = [
      '{"data":[{"id":1},{"id":2]}',
      '{"data":[{"id":1}]} trailing',
      '{"data":[{"id":1}]}{}',
      '{"data":[{"id":1}',
      '<p>Sokha</p>',
      '',
      '  \n',
    ]
    const url = await serve((req, res) => {
      res.writeHead(200, JSON_TYPE).end(answers[Number(req.url?.slice(1))])
    })
    const attempt = createAttempt({ timeoutMs: 5_000 })
    const kinds = []
    for (const i of answers.keys()) {
      const exchange = await attempt({
        method: 'GET',
        url: `${url}/${i}`,
        records: sinks().records,
      })
      expect(JSON.stringify(exchange)).not.toContain('Sokha')
      kinds.push(bodyOf(exchange).kind)
    }
    expect(kinds).toEqual([
      'not-json',
      'not-json',
      'not-json',
      'not-json',
      'not-json',
      'empty',
      'empty',
    ])
  })

  it('reads an error answer or a non-JSON type as before: no sink is started', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/html')
        res.writeHead(200, { 'content-type': 'text/html' }).end('{"data":[1]}')
      else if (req.url === '/none') res.writeHead(204).end()
      else res.writeHead(503, JSON_TYPE).end('{"data":[1]}')
    })
    const { started, records } = sinks()
    const attempt = createAttempt({ timeoutMs: 5_000 })
    expect(bodyOf(await attempt({ method: 'GET', url: `${url}/html`, records }))).toEqual({
      kind: 'not-json',
    })
    expect(bodyOf(await attempt({ method: 'GET', url: `${url}/none`, records }))).toEqual({
      kind: 'empty',
    })
    expect(bodyOf(await attempt({ method: 'GET', url: `${url}/error`, records }))).toEqual({
      kind: 'json',
      value: { data: [1] },
    })
    expect(started).toEqual([])
  })

  it('a body cut mid-array is a transfer failure; a stalled one a timeout', async () => {
    const url = await serve((req, res) => {
      res.writeHead(200, JSON_TYPE)
      res.write('{"data":[{"id":1},{"id":', () => {
        if (req.url === '/cut') res.destroy()
      })
    })
    const { started, records } = sinks()
    const cut = await createAttempt({ timeoutMs: 20_000 })({
      method: 'GET',
      url: `${url}/cut`,
      records,
    })
    expect(cut).toMatchObject({ kind: 'failure', failure: 'transfer' })
    const stall = await createAttempt({ timeoutMs: 500 })({
      method: 'GET',
      url: `${url}/stall`,
      records,
    })
    expect(stall).toMatchObject({ kind: 'failure', failure: 'timeout' })
    // Each attempt had a sink of its own.
    expect(started).toHaveLength(2)
  })

  it('a sink or start that throws, or a bad key, fails the attempt by throwing, not as the network', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, JSON_TYPE).end('{"data":[{"id":1}]}')
    })
    const bug = new RangeError('sink bug')
    const attempt = createAttempt({ timeoutMs: 5_000 })
    const records = {
      key: 'data',
      start: () => ({
        add: () => {
          throw bug
        },
      }),
    }
    await expect(attempt({ method: 'GET', url, records })).rejects.toBe(bug)
    const failingStart = {
      key: 'data',
      start: () => {
        throw bug
      },
    }
    await expect(attempt({ method: 'GET', url, records: failingStart })).rejects.toBe(bug)
    const badKey = { key: 'data.*', start: () => ({ add: () => undefined }) }
    await expect(attempt({ method: 'GET', url, records: badKey })).rejects.toThrow(TypeError)
  })
})
