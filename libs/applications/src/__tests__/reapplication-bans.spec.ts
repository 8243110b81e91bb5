import { banInForce, beijingToday, isBanInForce } from '../reapplication-bans';

describe('reapplication bans', () => {
  const ban = { startsOn: '2026-01-10', endsOn: '2028-01-09', liftedAt: null };

  it('refuse from the start date to the end date inclusive', () => {
    expect(isBanInForce(ban, '2026-01-09')).toBe(false);
    expect(isBanInForce(ban, '2026-01-10')).toBe(true);
    expect(isBanInForce(ban, '2028-01-09')).toBe(true);
  });

  it('refuse nothing once expired or lifted', () => {
    expect(isBanInForce(ban, '2028-01-10')).toBe(false);
    expect(isBanInForce({ ...ban, liftedAt: new Date() }, '2027-01-01')).toBe(false);
  });

  it('name the ban that ends last among those in force', () => {
    const longer = { startsOn: '2026-02-01', endsOn: '2029-01-31', liftedAt: null };
    const lifted = { startsOn: '2026-02-01', endsOn: '2030-01-31', liftedAt: new Date() };
    expect(banInForce([ban, longer, lifted], '2027-01-01')).toBe(longer);
    expect(banInForce([ban], '2029-01-01')).toBeNull();
  });

  it('count days in Beijing time', () => {
    expect(beijingToday(new Date('2026-11-25T16:00:00Z'))).toBe('2026-11-26');
    expect(beijingToday(new Date('2026-11-25T15:59:59Z'))).toBe('2026-11-25');
  });
});
