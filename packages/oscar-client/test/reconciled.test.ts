/**
 * The behaviours issue #11 reconciled between the two clients (see the changeset): each
 * test here fails on the client as it was before.
 */
import { delayBeforeRetry } from '@primero-interop/http'
import { DEFAULT_RETRY, isHttpError } from '@primero-interop/oscar-client'
import { afterEach, describe, expect, it } from 'vitest'

import { resolveOptions } from '../src/options.js'
import { closeAll, harness, hits, left, right } from './helpers.js'

afterEach(closeAll)

const ORGS = '/api/v1/organizations'

describe('reconciled with the Primero client', () => {
  it('retries a 408 of a read', async () => {
    const { fake, newClient } = await harness()
    const oscar = newClient({ retry: { baseDelayMs: 1, maxDelayMs: 1 } })
    fake.setFaults({ failNext: { status: 408, count: 1 } })
    await right(oscar.listOrganizations())
    expect(hits(fake, ORGS).map((r) => r.status)).toEqual([408, 200])
  })

  it('does not retry a 501 (nor any 5xx other than 500, 502, 503, 504)', async () => {
    const { fake, newClient } = await harness()
    const oscar = newClient({ retry: { baseDelayMs: 1, maxDelayMs: 1 } })
    fake.setFaults({ failNext: { status: 501, count: 5 } })
    const error = await left(oscar.listOrganizations())
    expect(isHttpError(error) && error.status).toBe(501)
    expect(hits(fake, ORGS)).toHaveLength(1)
  })

  it('waits up to 30 s by default (was 10 s): a Retry-After of 20 s is honoured', () => {
    expect(DEFAULT_RETRY.maxDelayMs).toBe(30_000)
    const { retry } = resolveOptions({
      baseUrl: 'https://oscar.example.org',
      auth: { email: 'a@b.c', password: 'p' },
    })
    expect(retry.maxDelayMs).toBe(30_000)
    expect(delayBeforeRetry(retry, 1, 20_000, () => 0)).toBe(20_000)
    expect(delayBeforeRetry(retry, 1, 90_000, () => 0)).toBe(30_000)
  })

  it('takes maxRetryAfterMs, as the Primero client does', () => {
    const { retry } = resolveOptions({
      baseUrl: 'https://oscar.example.org',
      auth: { email: 'a@b.c', password: 'p' },
      retry: { maxDelayMs: 100, maxRetryAfterMs: 5_000 },
    })
    expect(delayBeforeRetry(retry, 1, 4_000, () => 0)).toBe(4_000)
  })
})
