/** Cases: read, create, update, list one page. */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import type { CasePage } from './casePage.js'
import { decodeCase, decodeCases, logRepaired } from './casePage.js'
import type { PrimeroCase } from './codecs/Case.js'
import { PrimeroCaseWrite } from './codecs/Case.js'
import { DataEnvelope, ListEnvelope } from './codecs/Envelope.js'
import type { PrimeroError } from './errors.js'
import { DecodeError, HttpError } from './errors.js'
import { decode } from './http.js'
import type { CaseQuery } from './query.js'
import { caseSearchParams } from './query.js'
import type { ApiContext, ApiResponse } from './request.js'

export const casesPath = '/api/v2/cases'
export const casePath = (id: string): string => `${casesPath}/${encodeURIComponent(id)}`

/** Where a case was read: for a `DecodeError`. */
interface Site {
  readonly method: 'GET' | 'POST' | 'PATCH'
  readonly path: string
  readonly id?: string
}

/**
 * One case as an answer holds it: decoded, a repair logged (by id and paths), or a
 * `DecodeError` naming `site`.
 */
export const caseFromRecord = (
  ctx: ApiContext,
  raw: unknown,
  site: Site,
): E.Either<PrimeroError, PrimeroCase> =>
  pipe(
    decodeCase(raw),
    E.mapLeft((paths) => DecodeError({ codec: 'PrimeroCase', paths, ...site })),
    E.map(({ value, paths, dropped }) => {
      if (paths.length > 0)
        logRepaired(ctx.config.logger, 'case', [{ index: 0, id: value.id, paths, dropped }])
      return value
    }),
  )

/**
 * Decodes `{ data: case }` into the case, tolerantly (a repaired or left-out field is
 * logged), naming `id` in a `DecodeError` when the case's ids are unusable.
 */
const caseOf =
  (ctx: ApiContext, method: 'GET' | 'POST' | 'PATCH', path: string, id: string | undefined) =>
  (body: unknown): E.Either<PrimeroError, PrimeroCase> => {
    const site = { method, path, ...(id === undefined ? {} : { id }) }
    return pipe(
      decode(DataEnvelope, body, site),
      E.chainW((envelope) => caseFromRecord(ctx, envelope.data, site)),
    )
  }

/**
 * A write's `data`, checked and normalised before it is sent (dates to `YYYY-MM-DD`):
 * Primero would refuse it with a 422 otherwise.
 */
const outgoing = (
  method: 'POST' | 'PATCH',
  path: string,
  data: PrimeroCaseWrite,
): E.Either<PrimeroError, PrimeroCaseWrite> => decode(PrimeroCaseWrite, data, { method, path })

export const getCase =
  (ctx: ApiContext) =>
  (id: string): TE.TaskEither<PrimeroError, PrimeroCase> => {
    const path = casePath(id)
    return pipe(
      ctx.send({ method: 'GET', path }),
      TE.chainEitherK((r) => caseOf(ctx, 'GET', path, id)(r.body)),
    )
  }

/** How `createCase` reads back a case Primero answered without. */
export interface CreateCaseOptions {
  /**
   * Reads the created case `id` (default: `GET /api/v2/cases/:id`). A caller creating many
   * cases can batch these reads: the sync looks them up many at a time by `oscar_number`.
   */
  readonly readBack?: (id: string) => TE.TaskEither<PrimeroError, PrimeroCase>
}

/**
 * `POST /api/v2/cases`. With a client-chosen `data.id` the POST is safe to retry: Primero
 * answers 204 (the record is then read back: `options.readBack`, by default by id), and a
 * 409 to a retried POST means the first attempt landed, so the record is read back too.
 */
export const createCase =
  (ctx: ApiContext) =>
  (
    data: PrimeroCaseWrite,
    options: CreateCaseOptions = {},
  ): TE.TaskEither<PrimeroError, PrimeroCase> => {
    const clientId = typeof data.id === 'string' && data.id !== '' ? data.id : undefined
    const request = {
      method: 'POST' as const,
      path: casesPath,
      ...(clientId === undefined ? {} : { idempotent: true, accept: [409] }),
    }
    return pipe(
      TE.fromEither(outgoing('POST', casesPath, data)),
      TE.chain((checked) => ctx.send({ ...request, json: { data: checked } })),
      TE.chain((r: ApiResponse): TE.TaskEither<PrimeroError, PrimeroCase> => {
        if (r.status === 409 && r.attempts === 1) {
          return TE.left(HttpError({ status: 409, method: 'POST', path: casesPath, fields: [] }))
        }
        if (clientId !== undefined && (r.status === 409 || r.body === undefined)) {
          return (options.readBack ?? getCase(ctx))(clientId)
        }
        return TE.fromEither(caseOf(ctx, 'POST', casesPath, clientId)(r.body))
      }),
    )
  }

/**
 * A PATCH's answer merged into the case as it was before: Primero answers a PATCH with
 * the fields that changed (whole subforms), as stored (`select_updated_fields` in
 * app/controllers/api/v2/concerns/record.rb), so each answered field replaces the held one.
 */
export const withAnswer = (held: PrimeroCase, answer: PrimeroCase): PrimeroCase => ({
  ...held,
  ...answer,
})

/** A PATCH's answer (the changed fields), or undefined when it carries no case to merge. */
export const patchAnswer =
  (ctx: ApiContext, path: string, id: string) =>
  (body: unknown): PrimeroCase | undefined => {
    if (body === undefined) return undefined
    const answer = caseOf(ctx, 'PATCH', path, id)(body)
    return E.isRight(answer) && answer.right.id === id ? answer.right : undefined
  }

/**
 * `PATCH /api/v2/cases/:id`, then the record as it now stands. Primero answers a PATCH
 * with the changed fields only: given `held` (the case as the caller last read it), the
 * answer is merged into it and nothing is read back; without it the case is read again.
 * Subform rows merge by `unique_id`; `_destroy` removes.
 */
export const updateCase =
  (ctx: ApiContext) =>
  (
    id: string,
    patch: PrimeroCaseWrite,
    held?: PrimeroCase,
  ): TE.TaskEither<PrimeroError, PrimeroCase> => {
    const { id: _ignored, ...data } = patch
    const path = casePath(id)
    return pipe(
      TE.fromEither(outgoing('PATCH', path, data)),
      TE.chain((checked) => ctx.send({ method: 'PATCH', path, json: { data: checked } })),
      TE.chain((r) => {
        const answer = held === undefined ? undefined : patchAnswer(ctx, path, id)(r.body)
        return held === undefined || answer === undefined
          ? getCase(ctx)(id)
          : TE.right(withAnswer(held, answer))
      }),
    )
  }

/** One page of `GET /api/v2/cases`, each record decoded on its own. */
export const listCases =
  (ctx: ApiContext) =>
  (query: CaseQuery = {}): TE.TaskEither<PrimeroError, CasePage> => {
    // Built now, not when the task runs: an impossible query is a programmer error.
    const params = caseSearchParams(query)
    return pipe(
      ctx.send({ method: 'GET', path: casesPath, query: params }),
      TE.chainEitherKW((r) =>
        decode(ListEnvelope, r.body, { method: 'GET', path: `${casesPath}?${params.toString()}` }),
      ),
      TE.map(({ data, metadata }) => {
        const decoded = decodeCases(data.map((raw, index) => [index, raw] as const))
        logRepaired(ctx.config.logger, 'case', decoded.repaired)
        return { ...decoded, total: metadata.total, page: metadata.page, per: metadata.per }
      }),
    )
  }
