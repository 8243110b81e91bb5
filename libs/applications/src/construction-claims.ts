import {
  CONSTRUCTION_TYPE_CODES,
  type CapabilityClaims,
  type ConstructionTypeCode,
  type EnterpriseProfile,
  PROFILE_FACT_OF,
} from '@ff/rules';

/**
 * Table 15 claims of an application for its construction type: per dimension whether the
 * enterprise claims it, how, and which evidence shows it. The pre-check turns them into the rules
 * library's input, so a type can be confirmed rather than left “未填写，待核实”.
 */
export const CLAIM_DIMENSIONS = ['basicRequirement', 'coreCapability', 'newTechModel'] as const;
export type ClaimDimension = (typeof CLAIM_DIMENSIONS)[number];

export interface DimensionClaim {
  claimed: boolean;
  narrative: string;
  evidenceIds: string[];
}
export type ConstructionClaims = Partial<Record<ClaimDimension, DimensionClaim>>;

/** As frozen in a submission: evidence by content hash, like the declarations. */
export type FrozenClaims = Partial<
  Record<ClaimDimension, { claimed: boolean; narrative: string; evidence: { id: string; sha256: string }[] }>
>;

/**
 * The rules library's inputs for a declared type: the basic requirement's claim decides the
 * matching profile fact (the application's own statement wins over the enterprise record), the
 * other two become the type's capability claims with their evidence references.
 */
export function claimsForRules(
  type: string | null,
  claims: Partial<Record<ClaimDimension, { claimed: boolean; evidence: string[] }>>,
  profile: EnterpriseProfile = {},
): { profile: EnterpriseProfile; constructionEvidence?: CapabilityClaims } {
  if (!type || !CONSTRUCTION_TYPE_CODES.includes(type as ConstructionTypeCode)) return { profile };
  const code = type as ConstructionTypeCode;
  const merged = { ...profile };
  if (claims.basicRequirement) merged[PROFILE_FACT_OF[code]] = claims.basicRequirement.claimed;
  const dims: { coreCapability?: { claimed: boolean; evidence: string[] }; newTechModel?: typeof dims.coreCapability } =
    {};
  if (claims.coreCapability) dims.coreCapability = claims.coreCapability;
  if (claims.newTechModel) dims.newTechModel = claims.newTechModel;
  return { profile: merged, constructionEvidence: Object.keys(dims).length ? { [code]: dims } : undefined };
}

/** A dimension given replaces the stored one (narrative trimmed, evidence ids once each); others are kept. */
export function mergeClaims(
  current: ConstructionClaims,
  patch: Partial<Record<ClaimDimension, { claimed: boolean; narrative?: string; evidenceIds?: string[] }>>,
): ConstructionClaims {
  const out: ConstructionClaims = { ...current };
  for (const d of CLAIM_DIMENSIONS) {
    const p = patch[d];
    if (p)
      out[d] = {
        claimed: p.claimed,
        narrative: (p.narrative ?? '').trim(),
        evidenceIds: [...new Set(p.evidenceIds ?? [])],
      };
  }
  return out;
}

/** Every evidence id the claims reference, with its field path for error messages. */
export const claimEvidenceLists = (claims: ConstructionClaims, prefix = 'constructionClaims') =>
  CLAIM_DIMENSIONS.flatMap((d) =>
    claims[d] ? [{ field: `${prefix}.${d}.evidenceIds`, ids: claims[d].evidenceIds }] : [],
  );
