import { Brackets, WhereExpressionBuilder } from 'typeorm';
import { containsPattern } from '@ff/database';

/** Name or credit code containing the text, the user's % and _ taken literally. */
export function matchNameOrCreditCode(qb: WhereExpressionBuilder, text: string): void {
  const like = containsPattern(text);
  qb.andWhere(
    new Brackets((w) => w.where('e.name ILIKE :like', { like }).orWhere('e.credit_code ILIKE :like', { like })),
  );
}
