import { Brackets, WhereExpressionBuilder } from 'typeorm';
import { containsPattern } from '@ff/database';
import { countiesWithin } from '@ff/regions';

/*
 * List-side counterparts of the enterprise rules, for any query that has the enterprises table
 * as `e` (the enterprises list, and the applications list joined to it).
 */

/**
 * canSeeEnterprise's jurisdiction rule as a condition: the counties the jurisdiction covers (none
 * added for the province). False when it covers no county, so the caller answers an empty page.
 */
export function restrictToJurisdiction(qb: WhereExpressionBuilder, jurisdictionCode: string, param = 'scope'): boolean {
  const counties = countiesWithin(jurisdictionCode);
  if (counties === null) return true;
  if (!counties.length) return false;
  qb.andWhere(`e.region_code IN (:...${param})`, { [param]: counties });
  return true;
}

/** Name or credit code containing the text, the user's % and _ taken literally. */
export function matchNameOrCreditCode(qb: WhereExpressionBuilder, text: string): void {
  const like = containsPattern(text);
  qb.andWhere(
    new Brackets((w) => w.where('e.name ILIKE :like', { like }).orWhere('e.credit_code ILIKE :like', { like })),
  );
}
