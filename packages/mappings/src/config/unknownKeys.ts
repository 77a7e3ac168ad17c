import { joinPath } from './configPath.js'
import { mappingJsonSchema } from './jsonSchema.js'
import type { JsonSchema } from './schemaBuilders.js'

const isObject = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === 'object' && u !== null && !Array.isArray(u)

/**
 * The JSON paths of the keys in `json` that `schema` does not know (`primero.moduleID`,
 * `provinces[3].user`): a misspelt key is otherwise ignored without a word, and its
 * setting silently takes no effect. Never a value.
 *
 * @example
 * unknownKeys({ ...json, primero: { ...json.primero, moduleID: 'x' } }) // ['primero.moduleID']
 */
export const unknownKeys = (
  json: unknown,
  schema: JsonSchema = mappingJsonSchema,
): ReadonlyArray<string> => {
  const found: string[] = []
  const walk = (value: unknown, s: JsonSchema, path: ReadonlyArray<string | number>): void => {
    if (s.type === 'array' && Array.isArray(value) && s.items !== undefined) {
      const items = s.items
      value.forEach((v, i) => walk(v, items, [...path, i]))
      return
    }
    if (s.type !== 'object' || !isObject(value)) return
    for (const [key, v] of Object.entries(value)) {
      const known = s.properties?.[key]
      if (known !== undefined && Object.prototype.hasOwnProperty.call(s.properties, key)) {
        walk(v, known, [...path, key])
      } else if (typeof s.additionalProperties === 'object') {
        walk(v, s.additionalProperties, [...path, key])
      } else if (s.additionalProperties === false) {
        found.push(joinPath(...path, key))
      }
    }
  }
  walk(json, schema, [])
  return found
}
