/** `/api/v2/cases`: list, read, create, PATCH, disable. */
import { paging, projected, select, sorted } from './filters.js'
import { createCase, patchCase } from './store.js'
import type { FakeRecord } from './types.js'
import { invalidCase } from './validate.js'
import type { Reply, World } from './world.js'
import { dataOf, failure, notFound, pageOf } from './world.js'

const resource = '/api/v2/cases'

const invalid = (world: World, data: FakeRecord): Reply | undefined => {
  const problems = invalidCase(data, world.dir)
  return problems.length === 0 ? undefined : failure(422, resource, problems)
}

export const listCases = (world: World, params: URLSearchParams): Reply => {
  const { page, per } = paging(params)
  const chosen = select([...world.store.cases.values()], params, {
    filterable: world.filterable,
    idSearchFields: world.idSearchFields,
  })
  const reply = pageOf(sorted(chosen, params), page, per)
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
  const data = dataOf(body)
  if (data === undefined)
    return failure(422, resource, [{ detail: '/data', message: 'Invalid Record JSON' }])
  const clientId = typeof data.id === 'string' && data.id !== '' ? data.id : undefined
  if (clientId !== undefined && world.store.cases.has(clientId)) {
    return failure(409, resource, [
      { detail: '/id', message: 'Conflict: a record with this id exists' },
    ])
  }
  const refused = invalid(world, data)
  if (refused) return refused
  const record = createCase(world.store, data, world.now(), user)
  return clientId === undefined ? { status: 200, json: { data: record } } : { status: 204 }
}

export const patchCaseRoute = (world: World, id: string, body: unknown): Reply => {
  if (!world.store.cases.has(id)) return notFound(`${resource}/${id}`)
  const data = dataOf(body)
  if (data === undefined)
    return failure(422, `${resource}/${id}`, [{ detail: '/data', message: 'Invalid Record JSON' }])
  const refused = invalid(world, data)
  if (refused) return refused
  return { status: 200, json: { data: patchCase(world.store, id, data, world.now()) } }
}

export const deleteCase = (world: World, id: string): Reply => {
  if (!world.store.cases.has(id)) return notFound(`${resource}/${id}`)
  patchCase(world.store, id, { record_state: false }, world.now())
  return { status: 200, json: { data: { id, record_state: false } } }
}
