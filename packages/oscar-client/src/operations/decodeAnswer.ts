import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type * as t from 'io-ts'

import { decodeWith } from '../codecs/common.js'
import type { OscarError } from '../errors.js'
import { DecodeError, NonJsonResponse } from '../errors.js'
import type { Answer } from '../http/request.js'
import type { Wire } from '../http/wire.js'
import { redactPath } from '../http/wire.js'

/** Decodes a 2xx answer to a read at the boundary: not JSON, or not `codec`, is an error. */
export const decodeAnswer =
  <A>(wire: Wire, codec: t.Decoder<unknown, A>) =>
  (answer: Answer): E.Either<OscarError, A> => {
    const where = { method: wire.method, path: redactPath(wire), status: answer.status }
    if (answer.body.kind !== 'json')
      return E.left(new NonJsonResponse({ ...where, contentType: answer.contentType }))
    return pipe(
      decodeWith(codec)(answer.body.value),
      E.mapLeft((paths): OscarError => new DecodeError({ ...where, paths })),
    )
  }
