/**
 * How strict 形式审查 is. Stored with each batch (policy is data, not code branches); the defaults
 * below are what a batch gets when the programme office does not say otherwise.
 */
export interface PrecheckPolicy {
  version: string;
  /** Minimum characters of a declaration's narrative (自评说明). */
  minNarrativeLength: number;
  /** A mandatory (应) clause needs at least one evidence reference. */
  requireEvidenceForMandatory: boolean;
  /** A recommended (宜) clause needs evidence too when it is declared met or partial. */
  requireEvidenceForRecommended: boolean;
  /** A mandatory clause declared `partial` satisfies the pre-check (experts judge the degree later). */
  partialCountsAsMet: boolean;
}

export const DEFAULT_PRECHECK_POLICY: PrecheckPolicy = {
  version: 'precheck-default-1',
  minNarrativeLength: 20,
  requireEvidenceForMandatory: true,
  requireEvidenceForRecommended: false,
  partialCountsAsMet: true,
};
