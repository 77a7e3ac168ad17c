// `@openfn/language-common` lists its `import` condition before `types`, so TypeScript
// finds untyped JavaScript for an ES module import. These are the two operations this
// entry re-exports, as that package documents them.
declare module '@openfn/language-common' {
  export function fn<S>(func: (state: S) => S | Promise<S>): (state: S) => Promise<S>
  export function each<S>(
    dataSource: string | ((state: S) => unknown),
    operation: (state: S) => S | Promise<S>,
  ): (state: S) => Promise<S>
}
