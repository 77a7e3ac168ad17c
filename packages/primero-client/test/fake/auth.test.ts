import { describe, expect, it } from 'vitest'

import type { FakePrimero } from '../../src/testing/index.js'
import { fakePrimero, manualClock } from '../helpers.js'
import { api, basic } from './raw.js'

const login = (fake: FakePrimero, password = fake.password, user = fake.username) =>
  api(fake, 'POST', '/api/v2/tokens', { user: { user_name: user, password } }, null)

describe('fake: authentication', () => {
  it('Basic: the right password passes; anything else is 401 with the Primero challenge', async () => {
    const fake = await fakePrimero({ username: 'me', password: 'pw' })
    expect([fake.username, fake.password]).toEqual(['me', 'pw'])
    expect((await api(fake, 'GET', '/api/v2/cases')).status).toBe(200)
    for (const auth of [
      null,
      `Basic ${Buffer.from('me:nope').toString('base64')}`,
      'Bearer nope',
    ]) {
      const reply = await api(fake, 'GET', '/api/v2/cases', undefined, auth)
      expect(reply.status).toBe(401)
      expect(reply.headers.get('www-authenticate')).toBe('Basic realm="Primero"')
      expect(Object.keys(reply.json)).toEqual(['error'])
      expect(typeof reply.json.error).toBe('string')
    }
  })

  it('token: login answers the token in the header and the body; it works until it expires', async () => {
    const clock = manualClock()
    const fake = await fakePrimero({ clock: clock.now, tokenTtlMs: 60_000, version: '2.10' })
    const reply = await login(fake)
    expect(reply.status).toBe(200)
    expect(reply.json).toMatchObject({ user_name: fake.username })
    expect(reply.headers.get('authorization')).toBe(`Bearer ${reply.json.token}`)
    const bearer = `Bearer ${reply.json.token}`
    const payload = JSON.parse(
      Buffer.from(String(reply.json.token).split('.')[1] ?? '', 'base64url').toString(),
    )
    expect(payload.exp * 1000).toBe(clock.now().getTime() + 60_000)
    expect((await api(fake, 'GET', '/api/v2/cases', undefined, bearer)).status).toBe(200)
    clock.advance(60_000)
    expect((await api(fake, 'GET', '/api/v2/cases', undefined, bearer)).status).toBe(401)
  })

  it('token: refresh with a valid Bearer and no body; the old token is revoked', async () => {
    const fake = await fakePrimero({ version: '2.10' })
    const old = `Bearer ${(await login(fake)).json.token}`
    const refreshed = await api(fake, 'POST', '/api/v2/tokens', undefined, old)
    expect(refreshed.status).toBe(200)
    expect((await api(fake, 'GET', '/api/v2/cases', undefined, old)).status).toBe(401)
    expect(
      (await api(fake, 'GET', '/api/v2/cases', undefined, `Bearer ${refreshed.json.token}`)).status,
    ).toBe(200)
    expect((await api(fake, 'POST', '/api/v2/tokens', undefined, old)).status).toBe(401)
  })

  it('token: DELETE logs out; expireTokens expires every issued token', async () => {
    const fake = await fakePrimero({ version: '2.10' })
    const a = `Bearer ${(await login(fake)).json.token}`
    const b = `Bearer ${(await login(fake)).json.token}`
    await api(fake, 'DELETE', '/api/v2/tokens', undefined, a)
    expect((await api(fake, 'GET', '/api/v2/cases', undefined, a)).status).toBe(401)
    fake.setFaults({ expireTokens: true })
    expect((await api(fake, 'GET', '/api/v2/cases', undefined, b)).status).toBe(401)
    const c = `Bearer ${(await login(fake)).json.token}`
    expect((await api(fake, 'GET', '/api/v2/cases', undefined, c)).status).toBe(200)
  })

  it('a failed login: 401 with Primero body', async () => {
    const fake = await fakePrimero({ version: '2.10' })
    const reply = await login(fake, 'wrong')
    expect(reply.status).toBe(401)
    expect(reply.json).toEqual({ error: 'Invalid User name or password.' })
  })

  it('6 logins per minute, then 429 until the minute has passed', async () => {
    const clock = manualClock()
    const fake = await fakePrimero({ clock: clock.now, version: '2.10' })
    for (let i = 0; i < 6; i += 1) expect((await login(fake)).status).toBe(200)
    expect((await login(fake)).status).toBe(429)
    clock.advance(60_001)
    expect((await login(fake)).status).toBe(200)
  })

  it('6 failed logins lock the account for 30 minutes, even with the right password', async () => {
    const clock = manualClock()
    const fake = await fakePrimero({ clock: clock.now, version: '2.10', paranoid: false })
    for (let i = 0; i < 6; i += 1) {
      expect((await login(fake, 'wrong')).status).toBe(401)
      clock.advance(11_000)
    }
    clock.advance(60_000)
    const locked = await login(fake)
    expect([locked.status, locked.json.error]).toEqual([401, 'Your account is locked.'])
    expect((await api(fake, 'GET', '/api/v2/cases', undefined, basic(fake))).status).toBe(401)
    clock.advance(30 * 60_000)
    expect((await login(fake)).status).toBe(200)
  })

  it('paranoid (the default): a locked account says only that the password is invalid', async () => {
    const clock = manualClock()
    const fake = await fakePrimero({ clock: clock.now, version: '2.10' })
    for (let i = 0; i < 6; i += 1) {
      await login(fake, 'wrong')
      clock.advance(11_000)
    }
    clock.advance(60_000)
    const locked = await login(fake)
    expect([locked.status, locked.json.error]).toEqual([401, 'Invalid User name or password.'])
  })
})
