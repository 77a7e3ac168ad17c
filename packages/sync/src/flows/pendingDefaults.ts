import { pendingDefaults } from '@primero-interop/mappings'
import type { PrimeroCase } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as TE from 'fp-ts/lib/TaskEither.js'

import type { RunContext } from '../context.js'

const FLOW = 'pending-defaults'

/** Flow 3 for one case: NGO referrals without a decision are marked pending. */
export const markPending = async (ctx: RunContext, recordId: string): Promise<void> => {
  ctx.count(FLOW, 'read')
  ctx.name(recordId, 'recordId')
  const retry = { id: recordId }
  const { primero } = ctx.ports(FLOW)
  // The case as this run holds it: read only when the run did not (an earlier run's queue).
  const held = ctx.heldCase(recordId)
  const kase = held === undefined ? await primero.getCase(recordId)() : E.right(held)
  if (E.isLeft(kase)) return ctx.fail(FLOW, recordId, kase.left._tag, kase.left.message, retry)
  const ref = kase.right.case_id ?? recordId
  const mapped = pendingDefaults(kase.right, ctx.config)
  if (E.isLeft(mapped)) {
    const [first] = mapped.left.issues
    return ctx.fail(FLOW, ref, first.code, first.message, retry)
  }
  const wanted = mapped.right.value
  const { patch, fields } = ctx.casePatch(kase.right, wanted ?? {})
  if (fields.length === 0) {
    ctx.count(FLOW, 'unchanged')
    return ctx.succeed(FLOW, recordId)
  }
  // A decision made while a failed PATCH waits for its retry must not be written over:
  // each attempt reads the case again and writes only rows still undecided.
  const rows = rowIds(patch)
  const stillUndecided = (current: PrimeroCase): boolean => {
    const now = pendingDefaults(current, ctx.config)
    const open = E.isRight(now) && now.right.value !== undefined ? rowIds(now.right.value) : []
    return rows.every((row) => open.includes(row))
  }
  const result =
    primero.updateCaseIf === undefined
      ? await pipe(
          primero.updateCase(recordId, patch, kase.right),
          TE.map((c) => ({ case: c, written: true })),
        )()
      : await primero.updateCaseIf(recordId, patch, stillUndecided)()
  if (E.isLeft(result)) return ctx.fail(FLOW, ref, result.left._tag, result.left.message, retry)
  if (!result.right.written) {
    ctx.count(FLOW, 'unchanged')
    return ctx.succeed(FLOW, recordId)
  }
  ctx.checkStored(FLOW, ref, patch, result.right.case)
  ctx.count(FLOW, 'updated')
  ctx.succeed(FLOW, recordId)
}

const rowIds = (patch: Readonly<Record<string, unknown>>): ReadonlyArray<string> =>
  (Array.isArray(patch['services_section']) ? patch['services_section'] : []).flatMap(
    (row: unknown) => {
      const id = (row as { unique_id?: unknown } | null)?.unique_id
      return typeof id === 'string' ? [id] : []
    },
  )
