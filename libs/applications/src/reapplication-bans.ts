/**
 * Reapplication bans (限制申报), pure: a ban refuses new applications from its start date to its
 * end date inclusive (Beijing calendar dates, `YYYY-MM-DD`), unless an official lifted it. An
 * expired ban refuses nothing; it stays on record.
 */
export interface BanLike {
  startsOn: string;
  endsOn: string;
  liftedAt: Date | null;
}

export const BAN_SOURCES = ['revocation', 'official'] as const;
export type BanSource = (typeof BAN_SOURCES)[number];
export const BAN_SOURCE_NAMES: Record<BanSource, string> = {
  revocation: '撤销认定',
  official: '省级主管部门录入',
};

export const isBanInForce = (ban: BanLike, today: string): boolean =>
  ban.liftedAt === null && ban.startsOn <= today && today <= ban.endsOn;

/** The ban in force that ends last (the date a refusal should name), or null. */
export function banInForce<T extends BanLike>(bans: T[], today: string): T | null {
  const live = bans.filter((b) => isBanInForce(b, today));
  return live.length ? live.reduce((a, b) => (b.endsOn > a.endsOn ? b : a)) : null;
}

/** Today in Beijing (UTC+8), as a calendar date. */
export const beijingToday = (now: Date = new Date()): string =>
  new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
