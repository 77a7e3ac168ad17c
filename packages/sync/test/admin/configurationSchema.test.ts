import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'

import { CollectionsConfiguration } from '../../src/openfn/collectionState.js'
import { readConfiguration } from '../../src/openfn/configuration.js'

interface Node {
  readonly title?: string
  readonly description?: string
  readonly type?: string
  readonly minimum?: number
  readonly maximum?: number
  readonly enum?: ReadonlyArray<string>
  readonly properties?: Readonly<Record<string, Node>>
}

const schema = (): Node =>
  JSON.parse(
    readFileSync(join(import.meta.dirname, '..', '..', 'configuration-schema.json'), 'utf8'),
  ) as Node

/** A credential with every property the schema names, each with a value it allows. */
const everyProperty = (node: Node): unknown => {
  if (node.properties !== undefined)
    return Object.fromEntries(
      Object.entries(node.properties)
        .filter(([key]) => key !== 'mapping')
        .map(([key, child]) => [key, everyProperty(child)]),
    )
  if (node.enum !== undefined) return node.enum[0]
  if (node.type === 'integer')
    return Math.min(Math.max(node.minimum ?? 1, 1_000), node.maximum ?? 1_000)
  return 'https://system.example.org'
}

describe('configuration-schema.json (the OpenFn credential)', () => {
  it('gives every property a title and a description', () => {
    const walk = (node: Node, path: string): void => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        expect(child.title, `${path}${key}`).toBeTruthy()
        expect(
          child.description ?? (child.properties ? 'object' : undefined),
          `${path}${key}`,
        ).toBeTruthy()
        walk(child, `${path}${key}.`)
      }
    }
    expect(schema().title).toBeTruthy()
    walk(schema(), '')
  })

  it('every property it names, with a value it allows, is one the operations read', () => {
    const credential = everyProperty(schema())
    expect(E.isRight(readConfiguration(credential))).toBe(true)
    expect(E.isRight(CollectionsConfiguration.decode(credential))).toBe(true)
  })
})
