/** The published name of this package's testing entry. */
export const testingEntry = '@primero-interop/primero-client/testing'
