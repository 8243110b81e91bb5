import { ELIGIBILITY_FACT_KEYS, type CreditRating, type EligibilityFactKey } from '@ff/rules';

/**
 * The facts an applicant declares for the notice's 申报条件 (数字化水平, investment, credit rating,
 * violations, independent legal person, completion date), each with the evidence that shows it.
 * The pre-check reads them from the frozen snapshot against the batch's eligibility policy.
 */
interface Fact<T> {
  value: T;
  evidenceIds: string[];
}
export interface EligibilityFacts {
  digitalLevel?: Fact<number>;
  investment?: Fact<number>;
  creditRating?: Fact<CreditRating>;
  violations?: Fact<boolean> & { description: string };
  independentLegalPerson?: Fact<boolean>;
  completionDate?: Fact<string>;
}

/** As frozen in a submission: evidence by content hash, like the declarations. */
export type FrozenFacts = Partial<
  Record<EligibilityFactKey, { value: unknown; description?: string; evidence: { id: string; sha256: string }[] }>
>;

type FactPatch = { value: unknown; description?: string; evidenceIds?: string[] };

/** A fact given replaces the stored one (evidence ids once each, description trimmed); null removes it. */
export function mergeFacts(
  current: EligibilityFacts,
  patch: Partial<Record<EligibilityFactKey, FactPatch | null>>,
): EligibilityFacts {
  const out: Record<string, unknown> = { ...current };
  for (const key of ELIGIBILITY_FACT_KEYS) {
    const p = patch[key];
    if (p === null) delete out[key];
    else if (p)
      out[key] = {
        value: p.value,
        evidenceIds: [...new Set(p.evidenceIds ?? [])],
        ...(key === 'violations' ? { description: (p.description ?? '').trim() } : {}),
      };
  }
  return out as EligibilityFacts;
}

/** Every evidence id the facts reference, with its field path for error messages. */
export const factEvidenceLists = (facts: EligibilityFacts, prefix = 'eligibilityFacts') =>
  ELIGIBILITY_FACT_KEYS.flatMap((k) =>
    facts[k] ? [{ field: `${prefix}.${k}.evidenceIds`, ids: facts[k].evidenceIds }] : [],
  );

/** The facts with evidence replaced by the files' fingerprints (files deleted since are dropped). */
export function freezeFacts(facts: EligibilityFacts, files: Map<string, { id: string; sha256: string }>): FrozenFacts {
  const out: FrozenFacts = {};
  for (const key of ELIGIBILITY_FACT_KEYS) {
    const f = facts[key];
    if (!f) continue;
    out[key] = {
      value: f.value,
      ...('description' in f ? { description: f.description } : {}),
      evidence: f.evidenceIds
        .map((id) => files.get(id))
        .filter((x): x is { id: string; sha256: string } => !!x)
        .map((x) => ({ id: x.id, sha256: x.sha256 })),
    };
  }
  return out;
}

/** The rules library's input: evidence by content hash. */
export function factsForRules(frozen: FrozenFacts | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(frozen ?? {}).map(([k, f]) => [
      k,
      { value: f.value, evidence: f.evidence.map((e) => e.sha256), description: f.description },
    ]),
  );
}
