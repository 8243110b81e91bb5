/** Applied in this order; each file is reviewed by hand (no synchronize). */
import { Foundation1764050000000 } from './1764050000000-foundation';
import { BatchesEnterprises1764050100000 } from './1764050100000-batches-enterprises';
import { Applications1764050200000 } from './1764050200000-applications';
import { ConstructionClaims1764052000000 } from './1764052000000-construction-claims';
import { LoginFailures1764054000000 } from './1764054000000-login-failures';
import { Reviews1764057000000 } from './1764057000000-reviews';
import { Imports1764062000000 } from './1764062000000-imports';
import { ImportEvidence1764062000001 } from './1764062000001-import-evidence';

export const MIGRATIONS = [
  Foundation1764050000000,
  BatchesEnterprises1764050100000,
  Applications1764050200000,
  ConstructionClaims1764052000000,
  LoginFailures1764054000000,
  Reviews1764057000000,
  Imports1764062000000,
  ImportEvidence1764062000001,
];
