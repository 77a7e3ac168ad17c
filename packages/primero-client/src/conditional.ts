/**
 * A conditional PATCH. Primero has no compare-and-set: a PATCH resent after a failed
 * attempt writes what was true before the wait, over whatever a person did meanwhile. So
 * each attempt reads the case first, writes only while `still(current)` holds, and sends
 * the PATCH once; a retry reads again.
 */
import { isRetryableStatus, withRetries } from '@primero-interop/http'
import * as E from 'fp-ts/lib/Either.js'
import type * as TE from 'fp-ts/lib/TaskEither.js'

import { casePath, getCase, patchAnswer, withAnswer } from './cases.js'
import type { PrimeroCase, PrimeroCaseWrite } from './codecs/Case.js'
import { PrimeroCaseWrite as CaseWrite } from './codecs/Case.js'
import type { PrimeroError } from './errors.js'
import { decode } from './http.js'
import type { ApiContext } from './request.js'

/** What `updateCaseIf` did: `written` false when the condition no longer held. */
export interface ConditionalUpdate {
  readonly case: PrimeroCase
  readonly written: boolean
}

/** A failure after which the PATCH may be sent again (it did not take, or took the same). */
const mayRetry = (e: PrimeroError): boolean =>
  e._tag === 'NetworkError' ||
  e._tag === 'TimeoutError' ||
  (e._tag === 'HttpError' && isRetryableStatus(e.status))

type Result = E.Either<PrimeroError, ConditionalUpdate>

/**
 * `PATCH /api/v2/cases/:id` with `patch`, only while `still` holds for the case as read
 * just before each attempt.
 *
 * @example
 * updateCaseIf(ctx)(id, { services_section: [{ unique_id, status: 'pending' }] }, (c) => undecided(c))
 */
export const updateCaseIf =
  (ctx: ApiContext) =>
  (
    id: string,
    patch: PrimeroCaseWrite,
    still: (current: PrimeroCase) => boolean,
  ): TE.TaskEither<PrimeroError, ConditionalUpdate> =>
  async () => {
    const { id: _ignored, ...data } = patch
    const path = casePath(id)
    const checked = decode(CaseWrite, data, { method: 'PATCH', path })
    if (E.isLeft(checked)) return checked
    const outcome = await withRetries<Result>(ctx.config.retry, async () => {
      const current = await getCase(ctx)(id)()
      if (E.isLeft(current)) return { kind: 'done', result: current }
      if (!still(current.right))
        return { kind: 'done', result: E.right({ case: current.right, written: false }) }
      const sent = await ctx.send({
        method: 'PATCH',
        path,
        json: { data: checked.right },
        once: true,
      })()
      if (E.isRight(sent)) {
        // The answer carries the changed fields: merged into the case just read, no read-back.
        const answer = patchAnswer(ctx, path, id)(sent.right.body)
        const after =
          answer === undefined
            ? await getCase(ctx)(id)()
            : E.right(withAnswer(current.right, answer))
        return {
          kind: 'done',
          result: E.map((c: PrimeroCase) => ({ case: c, written: true }))(after),
        }
      }
      if (!mayRetry(sent.left)) return { kind: 'done', result: sent }
      return { kind: 'retryable', result: sent, reason: sent.left._tag }
    })
    return outcome.result
  }
