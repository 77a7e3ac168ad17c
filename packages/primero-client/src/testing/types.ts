/** The fake Primero's public types. */

/** A stored record (case or referral): plain JSON, exactly as the fake would serve it. */
export type FakeRecord = Record<string, unknown>

/** A user the fake knows: referrals may only go to known users once any are given. */
export interface FakeUser {
  readonly user_name: string
  readonly agency_id?: string
  readonly full_name?: string
  /**
   * Whether the user's role has `receive_referral` (default true). A local referral to a
   * user who may not receive one is refused with 422 (`Transition#user_can_receive`).
   */
  readonly can_receive_referrals?: boolean
  readonly [key: string]: unknown
}

/** An agency the fake knows, by its `agency-…` unique id. */
export interface FakeAgency {
  readonly unique_id: string
  readonly [key: string]: unknown
}

/** A lookup (option list): a select field bound to it accepts only its `values[].id`. */
export interface FakeLookup {
  readonly unique_id: string
  readonly values: ReadonlyArray<{ readonly id: string; readonly [key: string]: unknown }>
  readonly [key: string]: unknown
}

export interface FakePrimeroOptions {
  /** Default `primero-test`. */
  readonly username?: string
  /** Default: a random password, readable as `fake.password`. */
  readonly password?: string
  /** Server time for `created_at`, `last_updated_at`, token expiry and the login limiter. */
  readonly clock?: () => Date
  /** Token lifetime (default 60 min, as Primero). */
  readonly tokenTtlMs?: number
  /** Known users. When absent, any user may receive a referral. */
  readonly users?: ReadonlyArray<string> | ReadonlyArray<FakeUser>
  /** Known agencies. When given, service rows must name one of them. */
  readonly agencies?: ReadonlyArray<string> | ReadonlyArray<FakeAgency>
  /** Lookups. When absent, any select value passes. */
  readonly lookups?: ReadonlyArray<FakeLookup>
  /**
   * Select fields checked against a lookup: field → lookup `unique_id`. A
   * `services_section.<field>` key checks that field of every service row. Default:
   * `risk_level` → `lookup-risk-level`, `sex` → `lookup-gender`,
   * `services_section.service_type` → `lookup-service-type`,
   * `services_section.service_response_type` → `lookup-service-response-type`,
   * `services_section.service_implemented` → `lookup-service-implemented`. A field whose
   * lookup is not among `lookups` is not checked.
   */
  readonly selectFields?: Readonly<Record<string, string>>
  /**
   * The case fields a filter may use; a filter on any other field is dropped silently,
   * as Primero drops a filter on a field the role cannot read. See `defaultFilterableFields`.
   */
  readonly filterableFields?: ReadonlyArray<string>
  /**
   * The identifier fields (`Child.filterable_id_fields`): `query=…&id_search=true` searches
   * them (substring, case-insensitive), and a filter on one is exact text, never a number.
   * See `defaultIdSearchFields` (not `mosvy_number`).
   */
  readonly idSearchFields?: ReadonlyArray<string>
  /**
   * What the role may write: field names, and `services_section.<field>` for row fields.
   * Anything else in a POST or PATCH is dropped silently (strong parameters). `'all'`
   * keeps everything. Default: `defaultWritableFields` (the Cambodia form's fields).
   */
  readonly writableFields?: ReadonlyArray<string> | 'all'
  /**
   * The login generation. `'2.10'`: `POST /api/v2/tokens` answers a JWT. `'2.11'` (the
   * default, as Primero's code today): it answers the user and no token, with a cookie
   * session (idle timeout `sessionIdleMs`, a new login expires the user's other sessions)
   * whose writes need the `CSRF-TOKEN` cookie's value in `X-CSRF-Token`. Basic works on both.
   */
  readonly version?: '2.10' | '2.11'
  /** A 2.11 session expires after this long without a request (default 60 min). */
  readonly sessionIdleMs?: number
  /**
   * Devise's `paranoid` mode (default true, as Primero's `config/initializers/devise.rb`):
   * a locked account's 401 says only "Invalid User name or password.". With `false` it
   * says "Your account is locked.".
   */
  readonly paranoid?: boolean
  /**
   * Cases of this module are GBV cases: a referral needs only `consent_for_services`
   * (`Referral#consent_given?`), not `disclosure_other_orgs` too.
   */
  readonly gbvModuleId?: string
  /** Seed of the fault switches' random choices and of the order of ties (default 1). */
  readonly seed?: number
}

/** "The next `count` requests (matching `method`/`path`) fail like this." */
export interface FailNext {
  readonly count: number
  /** The status to answer (default 503). Ignored when `drop`. */
  readonly status?: number
  /** Destroy the connection instead of answering. */
  readonly drop?: boolean
  /** Handle the request first, then fail: the client loses an answer to a write that landed. */
  readonly afterHandling?: boolean
  /** Only requests with this method. */
  readonly method?: string
  /** Only requests whose path starts with this. */
  readonly path?: string
  readonly retryAfterSeconds?: number
  /** A body to answer with instead of the error envelope (e.g. one that quotes a name). */
  readonly body?: string
  /** Its content type (default `application/json` for the envelope, else `text/plain`). */
  readonly contentType?: string
}

/**
 * Fault switches. Rates are probabilities in [0, 1] drawn from the seeded generator;
 * `failNext` is exact. `setFaults` replaces all switches (`setFaults({})` clears them).
 */
export interface FakeFaults {
  /** Delay before each answer: fixed, or uniform in [min, max]. */
  readonly latencyMs?: number | readonly [number, number]
  /** Rate of answers with `failureStatus`. */
  readonly failureRate?: number
  readonly failureStatus?: 500 | 502 | 503 | 504
  /** `Retry-After` sent with `failureRate` and `rate429` answers. */
  readonly retryAfterSeconds?: number
  /** Rate of 429 answers. */
  readonly rate429?: number
  /** Rate of connections destroyed without an answer. */
  readonly dropConnections?: number
  /** An HTML 500 instead of JSON: always (`true`) or at a rate. */
  readonly nonJson?: boolean | number
  /** One-shot: every token issued so far expires now. */
  readonly expireTokens?: boolean
  readonly failNext?: FailNext
}

/** One request the fake received. `status` 0: the connection was dropped. */
export interface FakeRequest {
  readonly method: string
  readonly path: string
  /** The raw query string, with its `?` (empty when none). */
  readonly query: string
  readonly status: number
}

export interface FakePrimero {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string
  readonly username: string
  readonly password: string
  /** Stores cases as given (no validation), filling `id`, `case_id` and timestamps if absent. */
  seedCases(cases: ReadonlyArray<FakeRecord>): ReadonlyArray<FakeRecord>
  /** A caseworker edits a case in Primero: the PATCH merge, and a new `last_updated_at`. */
  editCase(id: string, patch: FakeRecord): FakeRecord
  /** Every stored case, in creation order (copies). */
  cases(): ReadonlyArray<FakeRecord>
  /** The referrals of a case (copies). */
  referrals(caseId: string): ReadonlyArray<FakeRecord>
  /** Stores a referral directly (status `in_progress` unless given). */
  seedReferral(caseId: string, referral: FakeRecord): FakeRecord
  /** Every request so far, in arrival order. */
  readonly requests: ReadonlyArray<FakeRequest>
  /** Forgets the recorded requests and the concurrency high-water mark. */
  clearRequests(): void
  /** The most requests that were in flight at once. */
  readonly maxConcurrentRequests: number
  setFaults(faults: FakeFaults): void
  close(): Promise<void>
}
