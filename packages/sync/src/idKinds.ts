/**
 * What each id a run has read is, for the report's labels (`SyncIssue.idKind`). A run
 * names three or four ids a case: a `Map` of them took about 45 bytes an id. Here an id
 * is its 64-bit hash in a `HashIndex`, taken for the id: two ids share a hash about once
 * in 10^8 runs of 100,000 cases, and the first named keeps it.
 */
import { HashIndex } from './hashIndex.js'
import type { IdKind } from './report.js'

/** Every kind of id, in the order the table numbers them. */
export const ID_KINDS: ReadonlyArray<IdKind> = [
  'caseId',
  'recordId',
  'referralId',
  'globalId',
  'oscarReferral',
  'position',
]

/** The hash is the id: no id is held to tell two apart. */
const byHash = (): boolean => true

export class IdKinds {
  private readonly index = new HashIndex()

  get size(): number {
    return this.index.size
  }

  get(id: string): IdKind | undefined {
    const kind = this.index.find(id, byHash)
    return kind === undefined ? undefined : ID_KINDS[kind]
  }

  /** Names `id` as `kind`, unless it was named before. */
  name(id: string, kind: IdKind): void {
    if (this.index.find(id, byHash) === undefined)
      this.index.put(id, ID_KINDS.indexOf(kind), byHash)
  }

  clear(): void {
    this.index.clear()
  }
}
