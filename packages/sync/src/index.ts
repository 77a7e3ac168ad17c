/** The published name of this package. */
export const packageName = '@primero-interop/sync'
