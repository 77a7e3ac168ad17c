import * as t from 'io-ts'

import { OscarOrganization } from './Client.js'

/**
 * The envelope of `GET /api/v1/organizations/clients`: `{"data":[…]}`. Its records are
 * decoded one by one with `OscarClient`, so that one malformed record does not fail a read.
 */
export const OscarClientsResponse = t.type({ data: t.array(t.unknown) }, 'OscarClientsResponse')
export type OscarClientsResponse = t.TypeOf<typeof OscarClientsResponse>

/** `GET /api/v1/organizations`: `{"organizations":[{id, full_name, short_name, …}]}`. */
export const OscarOrganizationsResponse = t.type(
  { organizations: t.array(OscarOrganization) },
  'OscarOrganizationsResponse',
)
export type OscarOrganizationsResponse = t.TypeOf<typeof OscarOrganizationsResponse>

/**
 * A 2xx answer to a write: `{"external_id","message":"Record saved."}` for the upsert,
 * `{"message":"Record saved."}` for the PUTs. Read leniently: a 2xx means the write took
 * effect, whatever else the body says.
 */
export const OscarWriteAnswer = t.intersection(
  [
    t.UnknownRecord,
    t.partial({ message: t.unknown, external_id: t.unknown, global_id: t.unknown }),
  ],
  'OscarWriteAnswer',
)
export type OscarWriteAnswer = t.TypeOf<typeof OscarWriteAnswer>
