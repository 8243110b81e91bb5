import { ConflictContext } from '../conflict-rules';
import { AssignmentExpert, AssignmentTask, ConflictPolicy, DEFAULT_CONFLICT_POLICY } from '../types';

/** Small builders for assignment specs: an applicant in 西湖区 and an expert from elsewhere, no ties. */
export const APPLICANT_CODE = '91330106MA2AAAAA01';

export function task(overrides: Partial<AssignmentTask> = {}): AssignmentTask {
  return {
    id: 't1',
    applicationId: 'a1',
    enterpriseId: 'e1',
    domain: 'system_assurance',
    domainName: '安全防护体系',
    panelSize: 3,
    applicant: { creditCode: APPLICANT_CODE, countyCode: '330106', vendorCreditCodes: [] },
    ...overrides,
  };
}

export function expert(overrides: Partial<AssignmentExpert> = {}): AssignmentExpert {
  return {
    id: 'x1',
    name: '张三',
    employer: { creditCode: '91330200MA2BBBBB02', name: '宁波某大学' },
    regionCode: '330203',
    expertise: [{ domain: 'system_assurance', level: 'primary' }],
    cap: 10,
    currentLoad: 0,
    unavailable: [],
    relationships: [],
    previousRoundEnterpriseIds: [],
    ...overrides,
  };
}

export function context(policy: Partial<ConflictPolicy> = {}, extra: Partial<ConflictContext> = {}): ConflictContext {
  return {
    policy: { ...DEFAULT_CONFLICT_POLICY, ...policy },
    periodFrom: '2026-06-01',
    periodTo: '2026-06-30',
    manual: new Map(),
    ...extra,
  };
}
