import * as t from 'io-ts'

import { nullable } from './common.js'

const str = nullable(t.string)

/** A lookup (option list): `values[].id` are the option ids a select field accepts. */
export const PrimeroLookup = t.intersection(
  [
    t.UnknownRecord,
    t.type({
      unique_id: t.string,
      values: t.array(
        t.intersection([
          t.UnknownRecord,
          t.type({ id: t.string }),
          t.partial({ display_text: t.unknown }),
        ]),
      ),
    }),
    t.partial({ id: t.union([t.number, t.string]), name: t.unknown }),
  ],
  'PrimeroLookup',
)
export type PrimeroLookup = t.TypeOf<typeof PrimeroLookup>

/** A Primero user: referrals are addressed to `user_name`. */
export const PrimeroUser = t.intersection(
  [
    t.UnknownRecord,
    t.type({ user_name: t.string }),
    t.partial({
      id: t.union([t.number, t.string]),
      full_name: str,
      agency_id: t.union([t.number, t.string, t.null]),
      disabled: nullable(t.boolean),
    }),
  ],
  'PrimeroUser',
)
export type PrimeroUser = t.TypeOf<typeof PrimeroUser>

/** A Primero agency: `unique_id` is the `agency-…` id that service rows carry. */
export const PrimeroAgency = t.intersection(
  [
    t.UnknownRecord,
    t.type({ unique_id: t.string }),
    t.partial({
      id: t.union([t.number, t.string]),
      agency_code: str,
      name: t.unknown,
      disabled: nullable(t.boolean),
    }),
  ],
  'PrimeroAgency',
)
export type PrimeroAgency = t.TypeOf<typeof PrimeroAgency>

/** The envelope of every paged list: `{ data: [...], metadata: { total, per, page } }`. */
export const PageMetadata = t.type(
  { total: t.number, per: t.number, page: t.number },
  'PageMetadata',
)
export type PageMetadata = t.TypeOf<typeof PageMetadata>

/** Primero's error envelope; `detail` may quote submitted values and is never surfaced. */
export const ErrorEnvelope = t.type(
  {
    errors: t.array(
      t.partial({ status: t.number, resource: t.string, detail: t.unknown, message: t.unknown }),
    ),
  },
  'ErrorEnvelope',
)
export type ErrorEnvelope = t.TypeOf<typeof ErrorEnvelope>
