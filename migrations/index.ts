/** Applied in this order; each file is reviewed by hand (no synchronize). */
import { Foundation1764050000000 } from './1764050000000-foundation';
import { BatchesEnterprises1764050100000 } from './1764050100000-batches-enterprises';
import { Applications1764050200000 } from './1764050200000-applications';
import { ConstructionClaims1764052000000 } from './1764052000000-construction-claims';
import { LoginFailures1764054000000 } from './1764054000000-login-failures';
import { Reviews1764057000000 } from './1764057000000-reviews';
import { Designations1764060000000 } from './1764060000000-designations';
import { ObjectionAttachments1764060000001 } from './1764060000001-objection-attachments';
import { OnsiteVerifications1764060000002 } from './1764060000002-onsite-verifications';
import { Documents1764061000000 } from './1764061000000-documents';
import { Imports1764062000000 } from './1764062000000-imports';
import { ImportEvidence1764062000001 } from './1764062000001-import-evidence';
import { EligibilityQuotas1764063000000 } from './1764063000000-eligibility-quotas';
import { AuditSealer1764064000000 } from './1764064000000-audit-sealer';
import { ApplicationOrigin1764064000001 } from './1764064000001-application-origin';
import { ApplicationVendors1764066000000 } from './1764066000000-application-vendors';
import { RoundUnfilled1764066000001 } from './1764066000001-round-unfilled';
import { ImportEvidenceKey1764067200000 } from './1764067200000-import-evidence-key';
import { ImportStaging1764067200001 } from './1764067200001-import-staging';
import { ResultBasis1764067300000 } from './1764067300000-result-basis';
import { ReReviewRounds1764067400000 } from './1764067400000-re-review-rounds';

export const MIGRATIONS = [
  Foundation1764050000000,
  BatchesEnterprises1764050100000,
  Applications1764050200000,
  ConstructionClaims1764052000000,
  LoginFailures1764054000000,
  Reviews1764057000000,
  Designations1764060000000,
  ObjectionAttachments1764060000001,
  OnsiteVerifications1764060000002,
  Documents1764061000000,
  Imports1764062000000,
  ImportEvidence1764062000001,
  EligibilityQuotas1764063000000,
  AuditSealer1764064000000,
  ApplicationOrigin1764064000001,
  ApplicationVendors1764066000000,
  RoundUnfilled1764066000001,
  ImportEvidenceKey1764067200000,
  ImportStaging1764067200001,
  ResultBasis1764067300000,
  ReReviewRounds1764067400000,
];
