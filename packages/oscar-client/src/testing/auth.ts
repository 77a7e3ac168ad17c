import { randomBytes } from 'node:crypto'

import type { FakeAnswer } from './answers.js'

export const SIGN_IN_REQUIRED = {
  errors: ['You need to sign in or sign up before continuing.'],
}
const INVALID_LOGIN = { success: false, errors: ['Invalid login credentials. Please try again.'] }

interface FakeSession {
  readonly accessToken: string
  readonly uid: string
  readonly expiry: number
}

/** What a sign-in answers: a body, and devise_token_auth's headers on success. */
export interface SignInAnswer {
  readonly answer: FakeAnswer
  readonly headers: Readonly<Record<string, string>>
}

/**
 * devise_token_auth as OSCaR runs it: one session per sign-in, keyed by its `client`
 * header; tokens do not rotate per request; each lives `ttlSeconds` (real time).
 */
export const createAuth = (options: {
  readonly email: string
  readonly password: string
  readonly ttlSeconds: number
}) => {
  const sessions = new Map<string, FakeSession>()
  const uid = options.email.toLowerCase()

  const signIn = (body: unknown): SignInAnswer => {
    const { email, password } = (typeof body === 'object' && body !== null ? body : {}) as Record<
      string,
      unknown
    >
    if (typeof email !== 'string' || email.toLowerCase() !== uid || password !== options.password)
      return { answer: { status: 401, json: INVALID_LOGIN }, headers: {} }
    const session: FakeSession = {
      accessToken: randomBytes(16).toString('base64url'),
      uid,
      expiry: Math.floor(Date.now() / 1000) + options.ttlSeconds,
    }
    const client = randomBytes(16).toString('base64url')
    sessions.set(client, session)
    return {
      answer: {
        status: 200,
        json: {
          data: { id: 1, email: uid, uid, provider: 'email', name: 'MoSVY External System' },
        },
      },
      headers: {
        'access-token': session.accessToken,
        client,
        uid,
        expiry: String(session.expiry),
        'token-type': 'Bearer',
      },
    }
  }

  /** The `client` id of a valid session the headers name, or `undefined`. */
  const check = (
    headers: Readonly<Record<string, string | string[] | undefined>>,
  ): string | undefined => {
    const client = headers['client']
    if (typeof client !== 'string') return undefined
    const session = sessions.get(client)
    if (session === undefined) return undefined
    const valid =
      headers['access-token'] === session.accessToken &&
      headers['uid'] === session.uid &&
      session.expiry * 1000 > Date.now()
    return valid ? client : undefined
  }

  return {
    signIn,
    check,
    signOut: (client: string): void => {
      sessions.delete(client)
    },
    /** Ends every session: the next request of every client gets a 401. */
    expireAll: (): void => sessions.clear(),
    count: (): number => sessions.size,
  }
}

export type Auth = ReturnType<typeof createAuth>
