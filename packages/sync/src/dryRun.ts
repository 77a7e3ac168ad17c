/**
 * A dry run as a decorator of the ports, like the request counter: reads go through,
 * writes are recorded as planned (ids and field names, never values) and answer what the
 * system would echo, without calling it. Flows do not know they run dry.
 */
import type { PrimeroCase, PrimeroReferral } from '@primero-interop/primero-client'
import * as TE from 'fp-ts/lib/TaskEither.js'

import type { OscarPort, PrimeroPort } from './ports.js'
import type { FlowName, PlannedWrite } from './report.js'

export interface Ports {
  readonly primero: PrimeroPort
  readonly oscar: OscarPort
}

const keys = (o: object): string[] => Object.keys(o).filter((k) => k !== 'id')

/** `ports` whose writes, made for `flow`, are handed to `plan` instead of being sent. */
export const dryRunPorts = (
  ports: Ports,
  flow: FlowName,
  plan: (write: PlannedWrite) => void,
): Ports => {
  const planned = <A>(
    target: PlannedWrite['target'],
    action: string,
    recordIds: ReadonlyArray<string>,
    fields: ReadonlyArray<string>,
    echo: A,
  ) =>
    TE.fromIO(() => {
      plan({ flow, target, action, recordIds, fields })
      return echo
    })
  return {
    primero: {
      ...ports.primero,
      createCase: (data) =>
        planned('primero', 'create-case', [String(data.id ?? '')], keys(data), {
          ...data,
          id: String(data.id ?? 'dry-run'),
        } as PrimeroCase),
      updateCase: (id, patch) =>
        planned('primero', 'update-case', [id], keys(patch), { ...patch, id } as PrimeroCase),
      updateCaseIf: (id, patch) =>
        planned('primero', 'update-case', [id], keys(patch), {
          case: { ...patch, id } as PrimeroCase,
          written: true,
        }),
      updateReferral: (caseId, referralId, update) =>
        planned('primero', 'update-referral', [caseId, referralId], keys(update), {
          id: referralId,
          ...update,
        } as unknown as PrimeroReferral),
    },
    oscar: {
      ...ports.oscar,
      upsertClient: (payload) =>
        planned('oscar', 'upsert-referral', [payload.external_id], keys(payload), {
          message: 'dry run',
        }),
      updateLinks: (links) =>
        planned(
          'oscar',
          'update-link',
          links.flatMap((l) => [l.external_id, l.global_id]),
          ['external_id', 'external_id_display'],
          { message: 'dry run' },
        ),
      updateReferralStatuses: (updates) =>
        planned(
          'oscar',
          'update-referral-status',
          updates.flatMap((u) => [u.client_global_id, String(u.referral_id)]),
          ['referral_status'],
          { message: 'dry run' },
        ),
    },
  }
}
