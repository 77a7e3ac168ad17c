export type { CollectionItem, CollectionsClientOptions } from './client.js'
export { collectionsEndpoint } from './client.js'
export type { CollectionStore, CollectionStoreOptions } from './store.js'
export { collectionStore } from './store.js'
