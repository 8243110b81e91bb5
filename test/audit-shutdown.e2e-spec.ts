import { Client } from 'pg';
import { AuditSealerHost } from '@ff/audit';
import { createUser, startTestApp } from './support/test-app';

/** A clean stop seals what is left: the final pass runs before the database connections close. */
describe('audit sealing at shutdown', () => {
  it('seals the events written while the sealer was paused when the app stops', async () => {
    const t = await startTestApp();
    const { url, schema } = t.config.database;
    let closed = false;
    try {
      // Paused, as between two passes: the user's creation and login are audited but not yet sealed.
      await t.app.get(AuditSealerHost).pause();
      const user = await createUser(t, 'official', { regionCode: '330000' });
      const pg = new Client({ connectionString: url });
      await pg.connect();
      try {
        await pg.query(`SET search_path TO "${schema}"`);
        const unsealed = async () =>
          (
            await pg.query(`SELECT count(*)::int AS n FROM audit_events WHERE seq IS NULL AND entity_id = $1`, [
              user.id,
            ])
          ).rows[0].n as number;
        expect(await unsealed()).toBeGreaterThan(0);
        await t.close();
        closed = true;
        expect(await unsealed()).toBe(0);
      } finally {
        await pg.end();
      }
    } finally {
      if (!closed) await t.close();
    }
  });
});
