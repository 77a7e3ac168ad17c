import type { OscarClient } from '@primero-interop/oscar-client'
import { OscarClient as OscarClientCodec } from '@primero-interop/oscar-client'
import type { PrimeroCase, PrimeroReferral } from '@primero-interop/primero-client'
import {
  PrimeroCase as PrimeroCaseCodec,
  PrimeroReferral as PrimeroReferralCodec,
} from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'
import type * as t from 'io-ts'
import { expect } from 'vitest'

import type { Mapped, MappingFailure, MappingIssue } from '../src/index.js'

/** Decodes a fixture as the client would; a fixture the codec rejects is a broken test. */
export const decodeOrThrow = <A>(codec: t.Decoder<unknown, A>, raw: unknown): A => {
  const result = codec.decode(raw)
  if (E.isLeft(result)) throw new Error(`fixture does not decode as ${codec.name}`)
  return result.right
}

export const primeroCase = (raw: unknown): PrimeroCase => decodeOrThrow(PrimeroCaseCodec, raw)
export const primeroReferral = (raw: unknown): PrimeroReferral =>
  decodeOrThrow(PrimeroReferralCodec, raw)
export const oscarClient = (raw: unknown): OscarClient => decodeOrThrow(OscarClientCodec, raw)

/** The mapped value of a `Right`, failing the test on a `Left`. */
export const valueOf = <A>(result: E.Either<MappingFailure, Mapped<A>>): A => {
  if (E.isLeft(result)) {
    expect.fail(`expected a mapped value, got ${JSON.stringify(result.left.issues)}`)
  }
  return result.right.value
}

/** The warnings of a `Right`. */
export const warningsOf = <A>(
  result: E.Either<MappingFailure, Mapped<A>>,
): ReadonlyArray<MappingIssue> => (E.isRight(result) ? result.right.warnings : [])

/** The issues of a `Left`, failing the test on a `Right`. */
export const issuesOf = <A>(
  result: E.Either<MappingFailure, Mapped<A>>,
): ReadonlyArray<MappingIssue> => {
  if (E.isRight(result)) expect.fail('expected a mapping failure')
  return result.left.issues
}

/** Every issue of a result, whether it failed or not. */
export const allIssues = <A>(
  result: E.Either<MappingFailure, Mapped<A>>,
): ReadonlyArray<MappingIssue> => (E.isRight(result) ? result.right.warnings : result.left.issues)

/** The codes of some issues, for compact assertions. */
export const codes = (issues: ReadonlyArray<MappingIssue>): ReadonlyArray<string> =>
  issues.map((i) => i.code)
