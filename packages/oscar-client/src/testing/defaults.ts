import { createHash } from 'node:crypto'

/** The Cambodia deployment's NGO short names: the fake's default organisations. */
export const CAMBODIA_ORGANIZATIONS: ReadonlyArray<string> = [
  'gpc',
  'tpo',
  'eao',
  'goh',
  'sk',
  'colt',
  'kt',
  'ea',
  'fsi',
  'oec',
  'cct',
  'cfi',
  'cif',
  'css',
  'cwd',
  'holt',
  'isf',
  'kmr',
  'mho',
  'msl',
  'mtp',
  'tlc',
  'tmw',
  'wmo',
]

/**
 * The OSCaR service names of the Cambodia preset: the fake's default taxonomy. An upsert's
 * service must match one exactly. `Not Specified` is not an OSCaR service.
 */
export const CAMBODIA_SERVICE_NAMES: ReadonlyArray<string> = [
  'Generalist social work / case work',
  'Community social work',
  'Emergency foster care',
  'Long term foster care',
  'Kinship care',
  'Domestic adoption support',
  'Family preservation',
  'Family reunification',
  'Independent Living',
  'Drug and Alcohol Counselling',
  'Detox / rehabilitation services',
  'Detox support',
  'Generalist counselling',
  'Counselling for abuse survivors',
  'Trauma counselling',
  'Family counselling / mediation',
  'Direct material assistance',
  'Direct financial assistance',
  'Income generation services',
  'Day care services',
  'Therapeutic interventions',
  'Disability respite care',
  'Therapeutic training',
  'Disability-aid provision',
  'Peripheral supports',
  'Support groups',
  'Support to access care',
  'Provision of medical care',
  'Medical training services',
  'Health education',
  'Support to access legal services',
  'Legal advocacy services',
  'Legal representation',
  'Prison visitation support',
  'Direct medical support',
  'School support',
  'Supplementary school education',
  'Vocational education and training',
  'Material support for education (uniforms, etc)',
  'Scholarships or financial support',
  'Life skills',
  'Family support',
  'Rescue Services',
  'Transitional Accommodation',
  'Post-Trafficking Counseling',
  'Community Reintegration Support',
  'Residential Care Institution',
  'Other Service',
]

/** A service of the fake's taxonomy: OSCaR's uuid is the same for every child. */
export interface FakeService {
  readonly name: string
  readonly uuid: string
}

/**
 * A fixed uuid for a service name (name-based, version 5 layout), so the taxonomy's ids
 * are the same in every run.
 *
 * @example
 * serviceUuid('Kinship care') === serviceUuid('Kinship care') // true
 */
export const serviceUuid = (name: string): string => {
  const hex = createHash('sha1').update(`oscar-fake-service:${name}`).digest('hex')
  const variant = ((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(18, 20)}-${hex.slice(20, 32)}`
}

export const taxonomyOf = (
  services: ReadonlyArray<string | FakeService>,
): ReadonlyArray<FakeService> =>
  services.map((s) => (typeof s === 'string' ? { name: s, uuid: serviceUuid(s) } : s))

/** One week, as devise_token_auth's default token lifespan. */
export const DEFAULT_TOKEN_TTL_SECONDS = 7 * 24 * 3600
