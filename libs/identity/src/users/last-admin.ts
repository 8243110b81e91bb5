import { EntityManager } from 'typeorm';
import { IdentityErrors } from '../identity.errors';

/**
 * Refuses to deactivate or demote the last active admin: nobody could manage accounts afterwards
 * (the CLI's admin:reset-password recovers a lost password, not a missing admin). Changes to the
 * admin set are serialised by one transaction-scoped advisory lock, taken after the caller locked
 * its target row: two admins demoting each other at once then see each other's committed change
 * (READ COMMITTED), and no transaction waits on a row the other holds, so there is no deadlock.
 */
export async function assertNotLastAdmin(em: EntityManager, userId: string): Promise<void> {
  await em.query(`SELECT pg_advisory_xact_lock(hashtext('ff.identity.admins'))`);
  const admins: { id: string }[] = await em.query(`SELECT id FROM users WHERE role = 'admin' AND active`);
  if (!admins.some((a) => a.id !== userId)) throw IdentityErrors.raise('last_admin');
}
