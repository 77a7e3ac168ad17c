import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

interface Node {
  readonly title?: string
  readonly description?: string
  readonly properties?: Readonly<Record<string, Node>>
}

describe('configuration-schema.json (the OpenFn credential)', () => {
  it('gives every property a title and a description', () => {
    const schema = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', '..', 'configuration-schema.json'), 'utf8'),
    ) as Node
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
    expect(schema.title).toBeTruthy()
    walk(schema, '')
  })
})
