/**
 * The sync's outcome, where caseworkers see it: each Primero case the run touched gets
 * `mark_synced_status` (`synced`, or `failed` when its sync failed) and, if given,
 * `mark_synced_url`: the fields Primero shows as a case's sync status. Off by default. An
 * instance without the fields drops them; the sync then reports it once
 * (`FIELD_NOT_WRITABLE`) and stops writing them.
 */
import * as E from 'fp-ts/lib/Either.js'

import type { RunContext } from './context.js'

export interface MarkSyncedOptions {
  /** Where a caseworker can look the case up on the other side, if anywhere. */
  readonly url?: string
}

/** Writes the mark on every case `ctx` recorded as touched. */
export const markSynced = async (ctx: RunContext, options: MarkSyncedOptions): Promise<void> => {
  const flow = 'primero-to-oscar'
  const { primero } = ctx.ports(flow)
  await ctx.each([...ctx.touched], async ([recordId, outcome]) => {
    const mark = {
      mark_synced: true,
      mark_synced_status: outcome,
      ...(options.url === undefined ? {} : { mark_synced_url: options.url }),
    }
    const { patch, fields } = ctx.casePatch({}, mark)
    if (fields.length === 0) return
    const written = await primero.updateCase(recordId, patch)()
    if (E.isLeft(written)) {
      ctx.issue(
        flow,
        recordId,
        written.left._tag,
        `sync status not written: ${written.left.message}`,
      )
      return
    }
    ctx.checkStored(flow, recordId, patch, written.right)
  })
}
