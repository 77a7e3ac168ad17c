import {
  isDecodeError,
  isNonJsonResponse,
  isRejected,
  type OscarUpsert,
} from '@primero-interop/oscar-client'
import { afterEach, describe, expect, it } from 'vitest'

import { aClient, anUpsert, CASE_ID, GLOBAL_ID } from './fixtures/records.js'
import { closeAll, harness, hits, left, right } from './helpers.js'

afterEach(closeAll)

const UPSERT = '/clients/upsert'

describe('upsertClient: a new referral', () => {
  it('creates a Referred referral with a minted global id and answers Record saved.', async () => {
    const { fake, oscar } = await harness()
    const result = await right(oscar.upsertClient(anUpsert()))
    expect(result).toEqual({ externalId: CASE_ID, message: 'Record saved.' })
    const referrals = fake.referrals()
    expect(referrals).toHaveLength(1)
    expect(referrals[0]).toMatchObject({
      externalId: CASE_ID,
      organization: 'cif',
      services: ['Kinship care'],
      status: 'Referred',
    })
    expect(referrals[0]?.clientGlobalId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/)
  })

  it('strips what OSCaR drops: resource, date_of_referral, local_* never reach the server', async () => {
    const { fake, oscar } = await harness()
    const withExtras = {
      ...anUpsert(),
      resource: 'Primero',
      date_of_referral: '2024-05-01',
      local_given_name: 'សុភា',
      local_family_name: 'កែវ',
      transaction_id: 'r-9',
      services: [{ uuid: 'c0ffee00-0000-4000-8000-000000000001', name: 'Kinship care', note: 'x' }],
    } as unknown as OscarUpsert
    await right(oscar.upsertClient(withExtras))
    const [sent] = hits(fake, UPSERT)
    const organization = (sent?.body as { organization: Record<string, unknown> }).organization
    for (const key of [
      'resource',
      'date_of_referral',
      'local_given_name',
      'local_family_name',
      'transaction_id',
    ])
      expect(organization).not.toHaveProperty(key)
    expect(organization['services']).toEqual([
      { uuid: 'c0ffee00-0000-4000-8000-000000000001', name: 'Kinship care' },
    ])
    expect(organization).toMatchObject({ external_id: CASE_ID, given_name: 'Sophea' })
  })

  it('sends null text as "" (OSCaR treats null differently)', async () => {
    const { fake, oscar } = await harness()
    await right(oscar.upsertClient({ ...anUpsert(), mosvy_number: null } as unknown as OscarUpsert))
    expect(hits(fake, UPSERT)[0]?.body).toMatchObject({ organization: { mosvy_number: '' } })
  })

  it('refuses an invalid payload with DecodeError (paths only) and sends nothing', async () => {
    const { fake, oscar } = await harness()
    const bad = {
      ...anUpsert(),
      level_of_risk: 'extreme',
      is_referred: 'yes',
    } as unknown as OscarUpsert
    const error = await left(oscar.upsertClient(bad))
    expect(isDecodeError(error) && error.paths).toEqual(['level_of_risk', 'is_referred'])
    expect(isDecodeError(error) && error.status).toBeUndefined()
    expect(hits(fake, UPSERT)).toEqual([])
  })
})

describe('upsertClient: what OSCaR refuses', () => {
  it('a payload whose only service is Not Specified → Rejected invalid-fields: services', async () => {
    const { fake, oscar } = await harness()
    const error = await left(
      oscar.upsertClient(anUpsert({ services: [{ uuid: '', name: 'Not Specified' }] })),
    )
    expect(isRejected(error) && [error.code, error.fields, error.status]).toEqual([
      'invalid-fields',
      ['services'],
      422,
    ])
    expect(fake.referrals()).toEqual([])
  })

  it("missing required fields → Rejected naming each of the Referral model's fields", async () => {
    const { fake, oscar } = await harness()
    const error = await left(
      oscar.upsertClient(
        anUpsert({
          family_name: '',
          external_case_worker_mobile: '',
          external_case_worker_name: '',
        }),
      ),
    )
    // A given name alone makes a client_name: only the joined name is required.
    expect(isRejected(error) && error.fields).toEqual(['name_of_referee', 'referral_phone'])
    const nameless = await left(oscar.upsertClient(anUpsert({ given_name: ' ', family_name: '' })))
    expect(isRejected(nameless) && nameless.fields).toEqual(['client_name'])
    expect(fake.referrals()).toEqual([])
    await right(oscar.upsertClient(anUpsert({ given_name: '', family_name: 'Keo' })))
    expect(fake.referrals()).toHaveLength(1)
  })

  it('a blank organization_name → Rejected record-error', async () => {
    const { oscar } = await harness()
    const error = await left(oscar.upsertClient(anUpsert({ organization_name: '' })))
    expect(isRejected(error) && error.code).toBe('record-error')
  })

  it("an unknown organisation → OSCaR's 500 HTML page → NonJsonResponse without its body", async () => {
    const { fake, oscar } = await harness()
    const error = await left(oscar.upsertClient(anUpsert({ organization_name: 'no-such-ngo' })))
    expect(isNonJsonResponse(error) && [error.status, error.contentType]).toEqual([
      500,
      'text/html; charset=utf-8',
    ])
    expect(JSON.stringify(error) + String(error)).not.toMatch(/Sophea|<html|Parameters/)
    expect(hits(fake, UPSERT)).toHaveLength(1)
  })

  it('an external_id whose referral was accepted → Rejected record-found', async () => {
    const { fake, oscar } = await harness()
    await right(oscar.upsertClient(anUpsert()))
    fake.decideReferral(fake.referrals()[0]?.id ?? -1, 'Accepted')
    const error = await left(oscar.upsertClient(anUpsert()))
    expect(isRejected(error) && [error.code, error.fields]).toEqual(['record-found', []])
    expect(fake.referrals()).toHaveLength(1)
    // OSCaR's body carries an `errors` object beside the message.
    expect(hits(fake, UPSERT).at(-1)?.status).toBe(422)
  })
})

describe('upsertClient: a known global_id (path 1)', () => {
  it('updates the child, and a blank location code wipes its address', async () => {
    const { fake, oscar } = await harness()
    fake.seedClient(aClient({ global_id: GLOBAL_ID, organization_name: 'cif' }))
    await right(
      oscar.upsertClient(
        anUpsert({
          global_id: GLOBAL_ID,
          is_referred: false,
          mosvy_number: 'M-77',
          location_current_village_code: '',
          address_current_village_code: '',
        }),
      ),
    )
    expect(fake.clients()[0]).toMatchObject({
      mosvy_number: 'M-77',
      location_current_village_code: null,
      address_current_village_code: null,
    })
    const [read] = await right(oscar.listClients({ since: '2000-01-01' }))
    expect(read).toMatchObject({ mosvy_number: 'M-77', location_current_village_code: '' })
    expect(fake.referrals()).toEqual([])
  })

  it('opens a new referral in that NGO when is_referred', async () => {
    const { fake, oscar } = await harness()
    fake.seedClient(aClient({ global_id: GLOBAL_ID, organization_name: 'cif' }))
    await right(oscar.upsertClient(anUpsert({ global_id: GLOBAL_ID })))
    expect(fake.referrals()).toMatchObject([{ clientGlobalId: GLOBAL_ID, status: 'Referred' }])
  })
})
