import type { Actor } from '@ff/core';
import {
  assessmentReportAccess,
  canExportBatchResults,
  canExportRegistry,
  canReadCertificate,
  canRequestAssessmentReport,
} from '../documents.policy';

const actor = (role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({
  userId: 'u',
  role,
  enterpriseId: null,
  regionCode: null,
  ...extra,
});
const scope = (decided: boolean) => ({ enterpriseId: 'ent-1', regionCode: '330106', decided });

describe('who may read an assessment report', () => {
  it('officials: always; requesting and exporting are theirs alone', () => {
    const o = actor('official', { regionCode: '330000' });
    expect([assessmentReportAccess(o, scope(false)), assessmentReportAccess(o, scope(true))]).toEqual(['read', 'read']);
    expect(canRequestAssessmentReport(o)).toBe(true);
    expect(canExportBatchResults(o)).toBe(true);
    for (const role of ['enterprise', 'recommender', 'expert', 'admin'] as const) {
      expect(canRequestAssessmentReport(actor(role))).toBe(false);
      expect(canExportBatchResults(actor(role))).toBe(false);
    }
  });

  it('the applicant and the recommenders of its county and city: only once a decision exists', () => {
    for (const who of [
      actor('enterprise', { enterpriseId: 'ent-1' }),
      actor('recommender', { regionCode: '330106' }),
      actor('recommender', { regionCode: '330100' }),
    ]) {
      expect(assessmentReportAccess(who, scope(false))).toBe('not_released');
      expect(assessmentReportAccess(who, scope(true))).toBe('read');
    }
  });

  it('anyone else: hidden, decided or not', () => {
    for (const who of [
      actor('enterprise', { enterpriseId: 'ent-2' }),
      actor('recommender', { regionCode: '330200' }),
      actor('expert'),
      actor('admin'),
    ])
      for (const decided of [false, true]) expect(assessmentReportAccess(who, scope(decided))).toBe('hidden');
  });
});

describe('who may request, read and download a certificate', () => {
  const held = { enterpriseId: 'ent-1', regionCode: '330106' };
  it('officials, the designated enterprise, recommenders whose jurisdiction covers it', () => {
    for (const who of [
      actor('official', { regionCode: '330000' }),
      actor('enterprise', { enterpriseId: 'ent-1' }),
      actor('recommender', { regionCode: '330106' }),
      actor('recommender', { regionCode: '330100' }),
    ])
      expect(canReadCertificate(who, held)).toBe(true);
  });

  it('nobody else: other enterprises, recommenders elsewhere, experts, admins', () => {
    for (const who of [
      actor('enterprise', { enterpriseId: 'ent-2' }),
      actor('enterprise'),
      actor('recommender', { regionCode: '330200' }),
      actor('recommender', { regionCode: '330108' }),
      actor('recommender'),
      actor('expert'),
      actor('admin'),
    ])
      expect(canReadCertificate(who, held)).toBe(false);
  });

  it('the registry export is the officials’ alone', () => {
    expect(canExportRegistry(actor('official', { regionCode: '330000' }))).toBe(true);
    for (const role of ['enterprise', 'recommender', 'expert', 'admin'] as const)
      expect(canExportRegistry(actor(role))).toBe(false);
  });
});
