import * as t from 'io-ts'

import { PageMetadata } from './Directory.js'

/** `{ "data": … }`: the envelope of every single-record answer. */
export const DataEnvelope = t.type({ data: t.unknown }, 'DataEnvelope')
export type DataEnvelope = t.TypeOf<typeof DataEnvelope>

/** `{ "data": [...], "metadata": { total, per, page } }`: a page of any list. */
export const ListEnvelope = t.type({ data: t.UnknownArray, metadata: PageMetadata }, 'ListEnvelope')
export type ListEnvelope = t.TypeOf<typeof ListEnvelope>

/** `{ "data": [...] }`: an unpaged list (a case's referrals). */
export const ArrayEnvelope = t.type({ data: t.UnknownArray }, 'ArrayEnvelope')
export type ArrayEnvelope = t.TypeOf<typeof ArrayEnvelope>
