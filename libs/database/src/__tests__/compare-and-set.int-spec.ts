import { Client } from 'pg';
import { Column, DataSource, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { AppError, TransitionErrors } from '@ff/core';
import { scratchSchema } from '@ff/runtime';
import { compareAndSet, tryCompareAndSet } from '../compare-and-set';
import { dataSourceOptions } from '../data-source-options';

type Status = 'draft' | 'open' | 'closed';

@Entity('cas_things')
class Thing {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) status: Status;
  @Column({ type: 'text', nullable: true }) closingNote: string | null;
  @Column({ type: 'jsonb', nullable: true }) details: { tags: string[] } | null;
  @Column({ type: 'timestamptz', nullable: true }) closedAt: Date | null;
  @Column({ type: 'int', default: 1 }) version: number;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** The one compare-and-set on the real PostgreSQL: of concurrent transitions exactly one wins. */
describe('compareAndSet', () => {
  const schema = scratchSchema(process.env.DATABASE_SCHEMA!, 'cas');
  const url = process.env.DATABASE_URL!;
  const pg = new Client({ connectionString: url });
  let ds: DataSource;

  beforeAll(async () => {
    await pg.connect();
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`);
    await pg.query(`CREATE TABLE "${schema}".cas_things (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      status text NOT NULL, closing_note text, details jsonb, closed_at timestamptz, version int NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now() - interval '1 hour')`);
    // A table without an entity and without a version column.
    await pg.query(`CREATE TABLE "${schema}".cas_plain (id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      state text NOT NULL, note text)`);
    ds = new DataSource({ ...dataSourceOptions({ database: { url, schema, poolSize: 6 } }), entities: [Thing] });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pg.end();
  });

  const thing = () => ds.manager.save(ds.manager.create(Thing, { status: 'open', closingNote: null, details: null }));
  const lost = (now: Status | null) => TransitionErrors.raise('invalid_transition', '事项', now ?? '未知');

  it('moves the row, writes the patch, bumps the version and returns the entity as stored', async () => {
    const t = await thing();
    const closedAt = new Date('2026-03-01T01:00:00Z');
    const saved = await compareAndSet(ds.manager, {
      entity: Thing,
      id: t.id,
      from: 'open',
      to: 'closed',
      patch: { closingNote: '到期', details: { tags: ['a', 'b'] }, closedAt },
      lost,
    });
    expect(saved).toBeInstanceOf(Thing);
    expect({ ...saved, updatedAt: null }).toEqual({
      ...t,
      updatedAt: null,
      status: 'closed',
      closingNote: '到期',
      details: { tags: ['a', 'b'] },
      closedAt,
      version: 2,
    });
    expect(saved.updatedAt.getTime()).toBeGreaterThan(t.updatedAt.getTime());
    expect(await ds.manager.findOneBy(Thing, { id: t.id })).toEqual(saved);
  });

  it('lets exactly one of many concurrent transitions win; the losers get 409 naming the winner’s status', async () => {
    const t = await thing();
    const targets: Status[] = ['closed', 'draft', 'closed', 'draft', 'closed', 'draft'];
    const results = await Promise.allSettled(
      targets.map((to) =>
        ds.transaction((em) => compareAndSet(em, { entity: Thing, id: t.id, from: 'open', to, lost })),
      ),
    );
    const won = results.filter((r): r is PromiseFulfilledResult<Thing> => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const winner = won[0].value.status;
    for (const r of results.filter((x) => x.status === 'rejected')) {
      const e = (r as PromiseRejectedResult).reason as AppError;
      expect(e).toBeInstanceOf(AppError);
      expect([e.status, e.code, e.message]).toEqual([
        409,
        'invalid_transition',
        `事项状态已被他人更新为“${winner}”，本次操作未生效，请刷新后重试`,
      ]);
    }
    expect(await ds.manager.findOneBy(Thing, { id: t.id })).toMatchObject({ status: winner, version: 2 });
  });

  it('accepts several statuses to move from, and throws the caller’s own error when it is one', async () => {
    const t = await thing();
    await compareAndSet(ds.manager, { entity: Thing, id: t.id, from: ['draft', 'open'], to: 'closed', lost });
    const own = new AppError('thing_closed', 409, '已截止');
    await expect(
      compareAndSet(ds.manager, { entity: Thing, id: t.id, from: ['draft', 'open'], to: 'closed', lost: () => own }),
    ).rejects.toBe(own);
    expect(await tryCompareAndSet(ds.manager, { entity: Thing, id: t.id, from: 'open', to: 'draft' })).toBeNull();
  });

  it('works on a table without an entity or a version column, and says when the row is gone', async () => {
    const [{ id }] = (await pg.query(`INSERT INTO "${schema}".cas_plain (state) VALUES ('open') RETURNING id`)).rows;
    const row = await compareAndSet(ds.manager, {
      table: 'cas_plain',
      statusColumn: 'state',
      id,
      from: 'open',
      to: 'closed',
      patch: { note: '到期' },
      lost,
    });
    expect(row).toEqual({ id, state: 'closed', note: '到期' });
    await expect(
      compareAndSet(ds.manager, {
        table: 'cas_plain',
        statusColumn: 'state',
        id: '00000000-0000-4000-8000-000000000000',
        from: 'open',
        to: 'closed',
        lost,
      }),
    ).rejects.toMatchObject({ status: 409, message: '事项状态已被他人更新为“未知”，本次操作未生效，请刷新后重试' });
  });
});
