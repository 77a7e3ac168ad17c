/** `/api/v2/cases`: list, read, create, PATCH, disable. */
import { paging, projected, select, sorted } from './listQuery.js'
import { permittedData } from './permitted.js'
import { createCase, patchCase } from './store.js'
import type { FakeRecord } from './types.js'
import { invalidCase } from './validate.js'
import type { Reply, World } from './world.js'
import { dataOf, failure, notFound, pageOf } from './world.js'

const resource = '/api/v2/cases'

/** One 422 whose `detail` lists every failing pointer (`ErrorService`, `InvalidRecordJson`). */
const invalid = (world: World, data: FakeRecord, at: string): Reply | undefined => {
  const problems = invalidCase(data, world.dir)
  if (problems.length === 0) return undefined
  const detail = [...new Set(problems.map((p) => p.detail))]
  return failure(422, at, [{ detail, message: 'Invalid Record JSON' }])
}

/** `params.require(:data)`: ActionController::ParameterMissing, a 422 without `detail`. */
const missingData = (at: string): Reply =>
  failure(422, at, [{ message: 'param is missing or the value is empty: data' }])

export const listCases = (world: World, params: URLSearchParams): Reply => {
  const { page, per } = paging(params)
  const chosen = select(world.store.cases, params, {
    filterable: world.filterable,
    idSearchFields: world.idSearchFields,
  })
  const reply = pageOf(sorted(chosen, params, world.random), page, per)
  const json = reply.json as { data: FakeRecord[] }
  return { ...reply, json: { ...json, data: json.data.map((r) => projected(r, params)) } }
}

export const getCase = (world: World, id: string, params: URLSearchParams): Reply => {
  const record = world.store.cases.get(id)
  return record === undefined
    ? notFound(`${resource}/${id}`)
    : { status: 200, json: { data: projected(record, params) } }
}

export const postCase = (world: World, body: unknown, user: string): Reply => {
  const given = dataOf(body)
  if (given === undefined) return missingData(resource)
  const data = permittedData(given, world.writable)
  const clientId = typeof data.id === 'string' && data.id !== '' ? data.id : undefined
  if (clientId !== undefined && world.store.cases.has(clientId)) {
    return failure(409, resource, [{ message: 'Conflict: A record with this id already exists' }])
  }
  const refused = invalid(world, data, resource)
  if (refused) return refused
  const record = createCase(world.store, data, world.now(), user)
  return clientId === undefined ? { status: 200, json: { data: record } } : { status: 204 }
}

export const patchCaseRoute = (world: World, id: string, body: unknown): Reply => {
  if (!world.store.cases.has(id)) return notFound(`${resource}/${id}`)
  const given = dataOf(body)
  if (given === undefined) return missingData(`${resource}/${id}`)
  const data = permittedData(given, world.writable)
  const refused = invalid(world, data, `${resource}/${id}`)
  if (refused) return refused
  return { status: 200, json: { data: patchCase(world.store, id, data, world.now()) } }
}

export const deleteCase = (world: World, id: string): Reply => {
  if (!world.store.cases.has(id)) return notFound(`${resource}/${id}`)
  patchCase(world.store, id, { record_state: false }, world.now())
  return { status: 200, json: { data: { id, record_state: false } } }
}
