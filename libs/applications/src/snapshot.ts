import { createHash } from 'node:crypto';
import { canonicalJson } from '@ff/audit';

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
  /** Every evidence file of the application at submission time, by content hash. */
  evidenceSha256: string[];
}

export function snapshotHash(content: SubmissionSnapshot | Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
