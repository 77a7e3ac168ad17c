/**
 * The fake's cases by id: a `Map` that keeps, on every `set` and `delete`, the creation
 * order and a value index per searched field, so a search by an identifier (`case_id`,
 * `oscar_number`, `mosvy_number`…) reads the few cases holding the value instead of every
 * case. The indexes only narrow the candidates: the list query still applies Primero's own
 * test to each one, so what a search answers does not depend on them.
 */
import type { FakeRecord } from './types.js'

/** A value an equality filter can match: a field's scalar value or an element of its array. */
export type IndexKey = string | number | boolean

const isKey = (u: unknown): u is IndexKey =>
  typeof u === 'string' || typeof u === 'number' || typeof u === 'boolean'

/** The keys a stored value is found under: itself, or each element of an array. */
const keysOf = (value: unknown): ReadonlyArray<IndexKey> =>
  Array.isArray(value) ? value.filter(isKey) : isKey(value) ? [value] : []

type FieldIndex = Map<IndexKey, Set<string>>

const none: ReadonlySet<string> = new Set()

export class CaseTable extends Map<string, FakeRecord> {
  /** Creation order: a case keeps its place when it is written again (as `Map` does). */
  readonly #order = new Map<string, number>()
  #next = 0
  /** Built on a field's first search, then kept on every write. */
  readonly #indexes = new Map<string, FieldIndex>()

  override set(id: string, record: FakeRecord): this {
    const old = super.get(id)
    if (old === undefined) this.#order.set(id, this.#next++)
    for (const [field, index] of this.#indexes) {
      if (old !== undefined) this.#remove(index, id, old[field])
      this.#add(index, id, record[field])
    }
    return super.set(id, record)
  }

  override delete(id: string): boolean {
    const old = super.get(id)
    if (old === undefined) return false
    for (const [field, index] of this.#indexes) this.#remove(index, id, old[field])
    this.#order.delete(id)
    return super.delete(id)
  }

  override clear(): void {
    this.#order.clear()
    this.#indexes.clear()
    super.clear()
  }

  /** The ids of the cases whose `field` is `key` or an array holding it. */
  idsWith(field: string, key: IndexKey): ReadonlySet<string> {
    return this.#indexOf(field).get(key) ?? none
  }

  /** The cases of `ids`, in creation order (the order a full scan meets them). */
  inOrder(ids: Iterable<string>): FakeRecord[] {
    const order = this.#order
    const out: FakeRecord[] = []
    for (const id of [...ids].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))) {
      const record = super.get(id)
      if (record !== undefined) out.push(record)
    }
    return out
  }

  #indexOf(field: string): FieldIndex {
    let index = this.#indexes.get(field)
    if (index === undefined) {
      index = new Map()
      for (const [id, record] of this) this.#add(index, id, record[field])
      this.#indexes.set(field, index)
    }
    return index
  }

  #add(index: FieldIndex, id: string, value: unknown): void {
    for (const key of keysOf(value)) {
      const ids = index.get(key)
      if (ids === undefined) index.set(key, new Set([id]))
      else ids.add(id)
    }
  }

  #remove(index: FieldIndex, id: string, value: unknown): void {
    for (const key of keysOf(value)) {
      const ids = index.get(key)
      ids?.delete(id)
      if (ids?.size === 0) index.delete(key)
    }
  }
}
