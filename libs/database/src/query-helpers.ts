import { QueryFailedError } from 'typeorm';

/** PostgreSQL's unique_violation, optionally of one named constraint (the race a service expects to lose). */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const driverError = e.driverError as { code?: string; constraint?: string } | undefined;
  return driverError?.code === '23505' && (!constraint || driverError.constraint === constraint);
}

/** An ILIKE pattern matching `text` anywhere, with the user's own % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
