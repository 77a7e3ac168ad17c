/**
 * The sync logs through the same `Logger` the clients take: events with ids, counts,
 * codes and paths as fields, never a child's data. Silent by default.
 */
export type { LogFields, Logger } from '@primero-interop/primero-client'
export { silentLogger } from '@primero-interop/primero-client'
