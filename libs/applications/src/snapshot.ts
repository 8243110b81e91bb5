import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { canonicalJson } from '@ff/audit';
import type { Enterprise } from '@ff/enterprises';
import { declarableClauseIds } from './clause-check';
import { CLAIM_DIMENSIONS, FrozenClaims } from './construction-claims';
import { FrozenFacts, freezeFacts } from './eligibility-facts';
import type { Application } from './entities/application.entity';
import { Declaration } from './entities/declaration.entity';
import { EvidenceFile } from './entities/evidence-file.entity';
import type { DeclaredVendor } from './vendors';

/**
 * What a submission freezes: the self-assessment, the enterprise as it was, the target and the
 * evidence fingerprints. The hash is over the canonical JSON (sorted keys), so anyone holding the
 * stored content can recompute and check it.
 */
export interface SubmissionSnapshot {
  schema: 1;
  applicationId: string;
  batch: { id: string; code: string; ruleSetVersion: string };
  tier: string;
  industryMode: string;
  constructionType: string | null;
  enterprise: {
    id: string;
    name: string;
    creditCode: string;
    regionCode: string;
    industryMode: string;
    profile: Record<string, unknown>;
  };
  declarations: {
    clauseId: string;
    status: 'met' | 'partial' | 'not_met';
    narrative: string;
    evidence: { id: string; sha256: string; mediaType: string; size: number; name: string }[];
  }[];
  /** Table 15 claims for the construction type, evidence by content hash (absent in older snapshots). */
  constructionClaims?: FrozenClaims;
  /**
   * 申报条件事项 with evidence by content hash, and whether the enterprise's county was a 山区海岛县
   * at submission (absent in older snapshots).
   */
  eligibility?: { facts: FrozenFacts; mountainIslandCounty: boolean };
  /** The vendors / 数字化服务商 the applicant declared (absent in older snapshots). */
  vendors?: DeclaredVendor[];
  /** Every evidence file of the application at submission time, by content hash. */
  evidenceSha256: string[];
}

export function snapshotHash(content: SubmissionSnapshot | Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/**
 * Reads the draft inside the submit transaction (which holds the application's row lock) and
 * freezes it: only the clauses the target tier and industry mode may declare, in clause order.
 */
export async function buildSnapshot(
  em: EntityManager,
  app: Application,
  batch: { id: string; code: string; ruleSetVersion: string },
  enterprise: Enterprise,
  mountainIslandCounty: boolean,
): Promise<SubmissionSnapshot> {
  const declarations = await em.find(Declaration, { where: { applicationId: app.id }, order: { clauseId: 'ASC' } });
  const evidence = await em.find(EvidenceFile, {
    where: { applicationId: app.id },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
  const byId = new Map(evidence.map((f) => [f.id, f]));
  const applicable = declarableClauseIds(batch.ruleSetVersion, app.tier, app.industryMode);
  return {
    schema: 1,
    applicationId: app.id,
    batch: { id: batch.id, code: batch.code, ruleSetVersion: batch.ruleSetVersion },
    tier: app.tier,
    industryMode: app.industryMode,
    constructionType: app.constructionType,
    enterprise: {
      id: enterprise.id,
      name: enterprise.name,
      creditCode: enterprise.creditCode,
      regionCode: enterprise.regionCode,
      industryMode: enterprise.industryMode,
      profile: { ...(enterprise.profile ?? {}) },
    },
    declarations: declarations
      .filter((d) => applicable.has(d.clauseId))
      .map((d) => ({
        clauseId: d.clauseId,
        status: d.status,
        narrative: d.narrative,
        evidence: d.evidenceIds
          .map((eid) => byId.get(eid))
          .filter((f): f is EvidenceFile => !!f)
          .map((f) => ({ id: f.id, sha256: f.sha256, mediaType: f.mediaType, size: f.size, name: f.originalName })),
      })),
    constructionClaims: Object.fromEntries(
      CLAIM_DIMENSIONS.flatMap((d) => {
        const c = app.constructionClaims?.[d];
        if (!c) return [];
        const files = c.evidenceIds.map((eid) => byId.get(eid)).filter((f): f is EvidenceFile => !!f);
        return [
          [
            d,
            {
              claimed: c.claimed,
              narrative: c.narrative,
              evidence: files.map((f) => ({ id: f.id, sha256: f.sha256 })),
            },
          ],
        ];
      }),
    ),
    eligibility: { facts: freezeFacts(app.eligibilityFacts ?? {}, byId), mountainIslandCounty },
    vendors: (app.vendors ?? []).map((v) => ({ ...v })),
    evidenceSha256: [...new Set(evidence.map((f) => f.sha256))].sort(),
  };
}
