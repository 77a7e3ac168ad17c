import type { MappingConfig } from '../config/MappingConfig.js'

/**
 * The words of a mapping sheet that belong to a deployment rather than to the mapping
 * rules: who decides on the Primero side, and which older jobs (if any) the sheet is
 * compared with. The sheet takes every other word from the configuration.
 */
export interface SheetWords {
  /** Who makes decisions in Primero, as caseworkers call them: `MoSVY`, `the ministry`. */
  readonly primeroSide: string
  /**
   * The production jobs this deployment replaces, in Markdown (`` `OpenFn/unicef-cambodia`,
   * `jobs/V2` ``). When absent, the sheet has no "Differences from the production jobs"
   * section and names no production defect.
   */
  readonly productionJobs?: string
}

/** The Cambodia deployment's words: MoSVY, compared with its production OpenFn jobs. */
export const cambodiaSheetWords: SheetWords = {
  primeroSide: 'MoSVY',
  productionJobs: '`OpenFn/unicef-cambodia`, `jobs/V2`',
}

/** The words of any other deployment: generic, with no comparison to jobs it never had. */
export const genericSheetWords: SheetWords = { primeroSide: 'the Primero side' }

/**
 * The words for `config` when none are given: Cambodia's for the `cambodia` configuration
 * (its sheet is compared with its production jobs), generic ones otherwise, so a sheet
 * never speaks of another country's ministry or jobs.
 */
export const sheetWordsFor = (config: MappingConfig): SheetWords =>
  config.name === 'cambodia' ? cambodiaSheetWords : genericSheetWords

/** `text` with a leading capital, for words at the start of a sentence. */
export const capitalised = (text: string): string =>
  text === '' ? text : `${text.charAt(0).toUpperCase()}${text.slice(1)}`

/** The possessive: `MoSVY's`, `the Primero side's`. */
export const possessive = (text: string): string => `${text}'s`
