import { cambodia, type MappingConfig, parseMappingConfig } from '@primero-interop/mappings'
import { failingPaths } from '@primero-interop/primero-client'
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'

import { OscarSettings, PrimeroSettings } from '../connect.js'

/**
 * `state.configuration` of an OpenFn job: the credential OpenFn injects. It is read,
 * never copied into the state the job returns.
 */
export const OpenFnConfiguration = t.type(
  {
    primero: PrimeroSettings,
    oscar: OscarSettings,
    mapping: t.union([t.undefined, t.literal('cambodia'), t.UnknownRecord]),
  },
  'OpenFnConfiguration',
)
export type OpenFnConfiguration = t.TypeOf<typeof OpenFnConfiguration>

/** Decodes the configuration and its mapping; errors name fields, never values. */
export const readConfiguration = (
  u: unknown,
): E.Either<
  string,
  { readonly configuration: OpenFnConfiguration; readonly mapping: MappingConfig }
> =>
  pipe(
    OpenFnConfiguration.decode(u),
    E.mapLeft(
      (errors) => `state.configuration: missing or invalid ${failingPaths(errors).join(', ')}`,
    ),
    E.chain((configuration) => {
      const { mapping } = configuration
      if (mapping === undefined || mapping === 'cambodia')
        return E.right({ configuration, mapping: cambodia })
      return pipe(
        parseMappingConfig(mapping),
        E.bimap(
          () => 'state.configuration.mapping is not a valid mapping configuration',
          (parsed) => ({ configuration, mapping: parsed }),
        ),
      )
    }),
  )
