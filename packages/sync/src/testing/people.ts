import type { Random } from './random.js'

/** Invented names, in Latin and Khmer script: no real child's. */
const LATIN_GIVEN = [
  'Sokha',
  'Dara',
  'Chanda',
  'Vichet',
  'Srey Nich',
  'Bopha',
  'Rithy',
  'Kanha',
  'Piseth',
  'Sophal',
  'Mealea',
  'Vanna',
]
const LATIN_FAMILY = ['Chan', 'Sok', 'Heng', 'Ly', 'Kim', 'Meas', 'Keo', 'Prak', 'Chea', 'Nget']
const KHMER_GIVEN = [
  'សុខា',
  'ដារ៉ា',
  'ចន្ទា',
  'វិចិត្រ',
  'ស្រីនិច',
  'បុប្ផា',
  'ឫទ្ធី',
  'កញ្ញា',
  'ពិសិដ្ឋ',
  'សុផល',
  'មាលា',
  'វណ្ណា',
]
const KHMER_FAMILY = ['ចាន់', 'សុខ', 'ហេង', 'លី', 'គឹម', 'មាស', 'កែវ', 'ប្រាក់', 'ជា', 'ង៉ែត']

export interface Person {
  readonly given: string
  readonly family: string
  readonly localGiven: string
  readonly localFamily: string
  readonly sex: 'male' | 'female'
  /** YYYY-MM-DD, a child of 3 to 17 on `today`. */
  readonly dateOfBirth: string
}

export const person = (random: Random, today: Date): Person => {
  const g = random.int(0, LATIN_GIVEN.length - 1)
  const f = random.int(0, LATIN_FAMILY.length - 1)
  const year = today.getUTCFullYear() - random.int(3, 17)
  const month = String(random.int(1, 12)).padStart(2, '0')
  const day = String(random.int(1, 28)).padStart(2, '0')
  return {
    given: LATIN_GIVEN[g] as string,
    family: LATIN_FAMILY[f] as string,
    localGiven: KHMER_GIVEN[g] as string,
    localFamily: KHMER_FAMILY[f] as string,
    sex: random.pick(['male', 'female'] as const),
    dateOfBirth: `${year}-${month}-${day}`,
  }
}

/** Village codes (canonical, 8 digits) in a few provinces, Stung Treng (19) among them. */
export const VILLAGES = [
  '02040302',
  '12010203',
  '19020101',
  '17050402',
  '08030105',
  '01070101',
  '21030204',
]
