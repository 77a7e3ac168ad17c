import { cambodia, serviceRowId } from '@primero-interop/mappings'

import { person, VILLAGES } from './people.js'
import { type Random, seeded } from './random.js'

/** What the scenario needs of a fake Primero: `startFakePrimero()` has it. */
export interface ScenarioPrimero {
  readonly seedCases: (cases: ReadonlyArray<Record<string, unknown>>) => unknown
  readonly seedReferral: (caseId: string, referral: Record<string, unknown>) => unknown
}

/** What the scenario needs of a fake OSCaR: `startFakeOscar()` has it. */
export interface ScenarioOscar {
  readonly seedClient: (
    client: Record<string, unknown> & { global_id: string; organization_name: string },
  ) => unknown
}

export interface ScenarioOptions {
  /** MoSVY cases to seed (at least 10); OSCaR gets about half as many children. Default 24. */
  readonly cases?: number
  readonly seed?: number
  /** "Now" for the seeded data. Default: the real time. */
  readonly now?: Date
}

/**
 * The ids of each user story's records, so a test (or a curious user) can check what the
 * sync did with them. Primero stories hold `case_id`s, OSCaR stories `global_id`s.
 */
export interface Scenario {
  /** Where the first sync starts: after the old referrals, before everything seeded now. */
  readonly since: string
  readonly primero: {
    /** One new referral to one NGO each. */
    readonly referral: ReadonlyArray<string>
    /** Two new referrals each, to two different NGOs. */
    readonly twoNgos: ReadonlyArray<string>
    /** Already in OSCaR (has `oscar_number`), referred again to another NGO. */
    readonly secondReferral: ReadonlyArray<string>
    /** A new referral, but consent is not given: must never leave Primero. */
    readonly noConsent: ReadonlyArray<string>
    /** A new referral of a service OSCaR does not know: reported, the rest syncs. */
    readonly unknownService: ReadonlyArray<string>
    /** MoSVY accepted or rejected an NGO referral: the decision goes to OSCaR. */
    readonly mosvyDecision: ReadonlyArray<string>
    /** An NGO decided on an older referral: the decision comes back from OSCaR. */
    readonly ngoDecision: ReadonlyArray<string>
    /** A record Primero cannot decode (impossible birth date). */
    readonly malformed: ReadonlyArray<string>
  }
  readonly oscar: {
    /** An NGO refers a child to MoSVY. */
    readonly ngoReferral: ReadonlyArray<string>
    /** A child an NGO shares with MoSVY for visibility. */
    readonly shared: ReadonlyArray<string>
    /** A referral from a village code of no known province. */
    readonly unknownProvince: ReadonlyArray<string>
  }
  /** How many referrals to NGOs should reach OSCaR on the first run. */
  readonly expectedReferrals: number
}

const {
  fieldIds,
  serviceReferralStatusOptions: statusOption,
  serviceResponseTypes,
} = cambodia.primero
const NGOS = ['cif', 'holt', 'fsi', 'kmr', 'mho', 'tlc', 'css']
const RISKS = ['high', 'medium', 'low', 'no_action']
const DAY = 86_400_000

const services = cambodia.services.taxonomy.filter(
  (s) => !['Therapeutic interventions', 'Therapeutic training'].includes(s.oscarName),
)

const primeroLocation = (canonical: string): string => canonical.replace(/^0+/, '')

/** A service of an OSCaR client that came from a referral (no enrolment). */
const referralService = (name: string, referralId: number, status: string) => ({
  uuid: null,
  name,
  program_name: null,
  enrollment_date: null,
  referral_id: referralId,
  referral_status: status,
})

/**
 * Seeds a fake Primero and a fake OSCaR with a Cambodian scenario: MoSVY cases referred
 * to one or two NGOs, second referrals, NGO referrals to MoSVY, shared cases, decisions
 * both ways, a few malformed records and a child without consent. Deterministic for a
 * seed. The names are invented.
 */
export const seedCambodiaScenario = (
  fakes: { readonly primero: ScenarioPrimero; readonly oscar: ScenarioOscar },
  options: ScenarioOptions = {},
): Scenario => {
  const total = Math.max(10, options.cases ?? 24)
  const now = options.now ?? new Date()
  const random = seeded(options.seed ?? 1)
  const since = new Date(now.getTime() - DAY).toISOString()
  const longAgo = (days: number) => new Date(now.getTime() - days * DAY).toISOString()
  const stories = {
    referral: [] as string[],
    twoNgos: [] as string[],
    secondReferral: [] as string[],
    noConsent: [] as string[],
    unknownService: [] as string[],
    mosvyDecision: [] as string[],
    ngoDecision: [] as string[],
    malformed: [] as string[],
  }
  const oscarStories = {
    ngoReferral: [] as string[],
    shared: [] as string[],
    unknownProvince: [] as string[],
  }
  const cases: Record<string, unknown>[] = []
  const referrals: Array<{ caseId: string; referral: Record<string, unknown> }> = []
  let expectedReferrals = 0
  let nextReferralId = 5000

  const newCase = (r: Random) => {
    const p = person(r, now)
    const id = r.uuid()
    const caseId = r.uuid()
    const village = r.pick(VILLAGES)
    return {
      id,
      case_id: caseId,
      case_id_display: caseId.slice(-7),
      short_id: caseId.slice(-7),
      module_id: cambodia.primero.moduleId,
      record_state: true,
      status: 'open',
      name_first: r.next() < 0.5 ? p.localGiven : p.given,
      name_last: r.next() < 0.5 ? p.localFamily : p.family,
      sex: p.sex,
      date_of_birth: p.dateOfBirth,
      location_current: primeroLocation(village),
      owned_by: 'mgrbtb',
      owned_by_agency_id: 'agency-mosvy',
      owned_by_phone: `0${r.int(10_000_000, 99_999_999)}`,
      risk_level: r.pick(RISKS),
      consent_for_services: true,
      disclosure_other_orgs: true,
      services_section: [] as Record<string, unknown>[],
    }
  }
  const referTo = (
    kase: ReturnType<typeof newCase>,
    ngo: string,
    createdAt: string,
    status = 'in_progress',
  ) => {
    const service = random.pick(services)
    const row = {
      unique_id: random.uuid(),
      service_type: service.primeroType,
      service_subtype: [service.primeroSubtype],
      service_response_type: serviceResponseTypes.referralToOscar,
      service_implementing_agency: `agency-${ngo}`,
      service_response_day_time: createdAt,
      [fieldIds.serviceReferralStatus]: statusOption.pending,
    }
    kase.services_section.push(row)
    const referral = {
      id: random.uuid(),
      type: 'Referral',
      status,
      record_id: kase.id,
      record_type: 'case',
      transitioned_to: `agency-${ngo}-user`,
      transitioned_to_agency: `agency-${ngo}`,
      service: service.primeroType,
      service_record_id: row.unique_id,
      notes: 'Needs support at home and at school.',
      created_at: createdAt,
    }
    referrals.push({ caseId: kase.id, referral })
    return { row, service, referral }
  }
  const client = (r: Random, ngo: string, extra: Record<string, unknown>) => {
    const p = person(r, now)
    const village = r.pick(VILLAGES)
    return {
      global_id: r.ulid(),
      slug: `${String.fromCharCode(97 + r.int(0, 25))}qvm-${r.int(1000, 9999)}`,
      external_id: '',
      external_id_display: '',
      mosvy_number: '',
      given_name: p.given,
      family_name: p.family,
      local_given_name: p.localGiven,
      local_family_name: p.localFamily,
      gender: p.sex,
      date_of_birth: p.dateOfBirth,
      location_current_village_code: village,
      address_current_village_code: village,
      organization_name: ngo,
      case_worker_name: 'NGO case worker',
      case_worker_mobile: `0${r.int(10_000_000, 99_999_999)}`,
      reason_for_referral: 'Family asked for support.',
      referral_consent_form: ['https://oscar.example/consent/form.pdf'],
      level_of_risk: r.pick(['high', 'medium', 'low', 'no action']),
      ...extra,
    }
  }

  for (let i = 0; i < total; i++) {
    const kase = newCase(random)
    const story = i % 10
    if (story <= 3) {
      referTo(kase, random.pick(NGOS), now.toISOString())
      stories.referral.push(kase.case_id)
      expectedReferrals += 1
    } else if (story === 4) {
      const [a, b] = [random.pick(NGOS.slice(0, 3)), random.pick(NGOS.slice(3))]
      referTo(kase, a, now.toISOString())
      referTo(kase, b, now.toISOString())
      stories.twoNgos.push(kase.case_id)
      expectedReferrals += 2
    } else if (story === 5) {
      // Accepted by one NGO two months ago; now referred to another.
      const first = referTo(kase, 'kmr', longAgo(60), 'accepted')
      first.row[fieldIds.serviceReferralStatus] = statusOption.accepted
      const globalId = random.ulid()
      Object.assign(kase, { oscar_number: globalId, oscar_short_id: `kmr-${i}` })
      fakes.oscar.seedClient({
        ...client(random, 'kmr', {
          global_id: globalId,
          slug: `kmr-${i}`,
          status: 'Active',
        }),
        external_id: kase.case_id,
        external_id_display: kase.case_id_display,
        services: [referralService(first.service.oscarName, nextReferralId++, 'Accepted')],
      })
      referTo(kase, 'fsi', now.toISOString())
      stories.secondReferral.push(kase.case_id)
      expectedReferrals += 1
    } else if (story === 6) {
      if (i % 20 === 6) {
        referTo(kase, random.pick(NGOS), now.toISOString())
        Object.assign(kase, { consent_for_services: false })
        stories.noConsent.push(kase.case_id)
      } else {
        const { row } = referTo(kase, random.pick(NGOS), now.toISOString())
        Object.assign(row, {
          service_type: 'other',
          service_subtype: ['a_service_oscar_does_not_know'],
        })
        stories.unknownService.push(kase.case_id)
      }
    } else if (story === 7 || story === 8) {
      // An NGO referral synced earlier; MoSVY has now decided on it.
      const ngo = random.pick(NGOS)
      const service = random.pick(services)
      const referralId = nextReferralId++
      const oscarService = referralService(service.oscarName, referralId, 'Referred')
      const seededClient = {
        ...client(random, ngo, { referred_external: true }),
        external_id: kase.case_id,
        external_id_display: kase.case_id_display,
        services: [oscarService],
      }
      fakes.oscar.seedClient(seededClient)
      Object.assign(kase, {
        oscar_number: seededClient.global_id,
        oscar_short_id: seededClient.slug,
      })
      kase.services_section.push({
        unique_id: serviceRowId(seededClient.global_id, oscarService),
        service_type: service.primeroType,
        service_subtype: [service.primeroSubtype],
        service_response_type: serviceResponseTypes.referralFromOscar,
        service_implementing_agency: `agency-${ngo}`,
        [fieldIds.serviceOscarReferralId]: String(referralId),
        [fieldIds.serviceReferralStatus]:
          story === 7 ? statusOption.accepted : statusOption.rejected,
        [fieldIds.serviceReferringAgency]: `agency-${ngo}`,
      })
      stories.mosvyDecision.push(kase.case_id)
    } else {
      // Referred a month ago; the NGO accepted it in OSCaR, and the OSCaR id came back.
      const ngo = random.pick(NGOS)
      const { service } = referTo(kase, ngo, longAgo(30))
      const accepted = client(random, ngo, { status: 'Accepted' })
      Object.assign(kase, { oscar_number: accepted.global_id, oscar_short_id: accepted.slug })
      fakes.oscar.seedClient({
        ...accepted,
        external_id: kase.case_id,
        external_id_display: kase.case_id_display,
        services: [referralService(service.oscarName, nextReferralId++, 'Accepted')],
      })
      stories.ngoDecision.push(kase.case_id)
    }
    cases.push(kase)
  }
  // A record Primero itself cannot have served: an impossible birth date.
  const broken = { ...newCase(random), date_of_birth: '2015-13-45' }
  cases.push(broken)
  stories.malformed.push(broken.case_id)

  for (let i = 0; i < Math.ceil(total / 2); i++) {
    const ngo = random.pick(NGOS)
    const service = random.pick(services)
    if (i % 3 === 2) {
      const c = client(random, ngo, {
        status: 'Active',
        services: [
          {
            uuid: null,
            name: service.oscarName,
            program_name: 'Family support programme',
            enrollment_date: longAgo(10).slice(0, 10),
          },
        ],
      })
      fakes.oscar.seedClient(c)
      oscarStories.shared.push(c.global_id)
    } else {
      const c = client(random, ngo, {
        referred_external: true,
        status: 'Referred',
        ...(i === 1 ? { date_of_birth: `2${person(random, now).dateOfBirth}` } : {}),
        services: [referralService(service.oscarName, nextReferralId++, 'Referred')],
      })
      fakes.oscar.seedClient(c)
      oscarStories.ngoReferral.push(c.global_id)
    }
  }
  const lost = client(random, 'cif', {
    referred_external: true,
    status: 'Referred',
    location_current_village_code: '99010101',
    address_current_village_code: '99010101',
    services: [referralService('Family support', nextReferralId++, 'Referred')],
  })
  fakes.oscar.seedClient(lost)
  oscarStories.unknownProvince.push(lost.global_id)

  fakes.primero.seedCases(cases)
  for (const { caseId, referral } of referrals) fakes.primero.seedReferral(caseId, referral)
  return { since, primero: stories, oscar: oscarStories, expectedReferrals }
}
