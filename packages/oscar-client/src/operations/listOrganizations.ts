import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import type { OscarOrganization } from '../codecs/Client.js'
import { OscarOrganizationsResponse } from '../codecs/Responses.js'
import type { OscarError } from '../errors.js'
import type { Requester } from '../http/request.js'
import type { Wire } from '../http/wire.js'
import { decodeAnswer } from './decodeAnswer.js'

const wire: Wire = { method: 'GET', path: 'api/v1/organizations' }

/** `GET /api/v1/organizations`: every NGO, to check that each mapped organisation exists. */
export const listOrganizations =
  (request: Requester) => (): TE.TaskEither<OscarError, ReadonlyArray<OscarOrganization>> =>
    pipe(
      () => request({ ...wire, mode: 'idempotent' }),
      TE.chainEitherK(decodeAnswer(wire, OscarOrganizationsResponse)),
      TE.map((answer) => answer.organizations),
    )
