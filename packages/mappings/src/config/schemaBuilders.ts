/** Small builders for the mapping configuration's JSON Schema (see `jsonSchema.ts`). */

/** A JSON Schema object, as far as this file uses it. */
export interface JsonSchema {
  readonly $schema?: string
  readonly $id?: string
  readonly title?: string
  readonly description?: string
  readonly type?: 'object' | 'array' | 'string' | 'boolean'
  readonly properties?: Readonly<Record<string, JsonSchema>>
  readonly required?: ReadonlyArray<string>
  readonly additionalProperties?: boolean | JsonSchema
  readonly items?: JsonSchema
  readonly enum?: ReadonlyArray<string>
  readonly pattern?: string
  readonly minLength?: number
  readonly uniqueItems?: boolean
}

export const text = (title: string, description: string): JsonSchema => ({
  type: 'string',
  minLength: 1,
  title,
  description,
})

export const object = (
  title: string,
  description: string,
  properties: Readonly<Record<string, JsonSchema>>,
  optional: ReadonlyArray<string> = [],
): JsonSchema => ({
  type: 'object',
  title,
  description,
  properties,
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  additionalProperties: false,
})

export const map = (title: string, description: string, values: JsonSchema): JsonSchema => ({
  type: 'object',
  title,
  description,
  additionalProperties: values,
})

export const oscarRisk: JsonSchema = {
  type: 'string',
  title: 'OSCaR risk level',
  description: "One of OSCaR's fixed levels of risk.",
  enum: ['high', 'medium', 'low', 'no action'],
}

export const oscarDecision: JsonSchema = {
  type: 'string',
  title: 'OSCaR referral status',
  description: 'A status OSCaR `update_statuses` accepts.',
  enum: ['Referred', 'Accepted', 'Exited', 'Active'],
}

export const primeroOutcome: JsonSchema = {
  type: 'string',
  title: 'Primero referral status',
  description: 'A Primero referral status: still open, or decided.',
  enum: ['in_progress', 'accepted', 'rejected'],
}

export const strings = (title: string, description: string, item: JsonSchema): JsonSchema => ({
  type: 'array',
  title,
  description,
  items: item,
  uniqueItems: true,
})
