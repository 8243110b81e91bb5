import { AppError } from '@ff/core';
import { assertPasswordPolicy, generateOneTimePassword } from '../../auth/password';
import { holdsValidJurisdiction, jurisdictionFor } from '../jurisdiction';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as AppError).code;
  }
  return 'ok';
};

describe('jurisdictionFor: one rule for role and jurisdiction', () => {
  it('makes an official the province, whatever else is asked', () => {
    expect(jurisdictionFor('official', undefined)).toBe('330000');
    expect(jurisdictionFor('official', '330000')).toBe('330000');
    for (const city of ['330100', '330106', '331000', '330782']) {
      expect(codeOf(() => jurisdictionFor('official', city))).toBe('official_not_provincial');
    }
    expect(codeOf(() => jurisdictionFor('official', '110000'))).toBe('invalid_region_code');
  });

  it('keeps recommenders to a city or a county, and other roles to none', () => {
    expect(jurisdictionFor('recommender', '330100')).toBe('330100');
    expect(jurisdictionFor('recommender', '330106')).toBe('330106');
    expect(codeOf(() => jurisdictionFor('recommender', '330000'))).toBe('invalid_region_code');
    expect(codeOf(() => jurisdictionFor('recommender', undefined))).toBe('region_code_mismatch');
    for (const role of ['enterprise', 'expert', 'admin'] as const) {
      expect(jurisdictionFor(role, undefined)).toBeNull();
      expect(codeOf(() => jurisdictionFor(role, '330100'))).toBe('region_code_mismatch');
    }
  });

  it('tells a stored account that breaks the rule', () => {
    expect(holdsValidJurisdiction({ role: 'official', regionCode: '330000' })).toBe(true);
    expect(holdsValidJurisdiction({ role: 'official', regionCode: '330100' })).toBe(false);
    expect(holdsValidJurisdiction({ role: 'official', regionCode: null })).toBe(false);
    expect(holdsValidJurisdiction({ role: 'recommender', regionCode: '330100' })).toBe(true);
  });
});

describe('generateOneTimePassword', () => {
  it('always meets the password policy and never repeats', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = generateOneTimePassword();
      expect(() => assertPasswordPolicy(p)).not.toThrow();
      expect(p.length).toBeGreaterThanOrEqual(12);
      seen.add(p);
    }
    expect(seen.size).toBe(500);
  });
});
