// What OpenFn's compiler makes of expression.js: an ES module exporting the
// operations in order. OpenFn's runtime links the import to the adaptor.
import { sync } from '@primero-interop/sync/openfn'

export default [sync()]
