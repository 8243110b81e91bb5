import { EntityManager } from 'typeorm';
import { IdentityErrors } from '../identity.errors';

/**
 * Refuses to deactivate or demote the last active admin: nobody could manage accounts afterwards
 * (the CLI's admin:reset-password is the recovery for a lost password, not for a missing admin).
 * The active admins are locked for the transaction, so two admins demoting each other at once
 * cannot both succeed.
 */
export async function assertNotLastAdmin(em: EntityManager, userId: string): Promise<void> {
  const admins: { id: string }[] = await em.query(
    `SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`,
  );
  if (!admins.some((a) => a.id !== userId)) throw IdentityErrors.raise('last_admin');
}
