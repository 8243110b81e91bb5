import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attachments of 公示 objections: the bytes in the content-addressed storage, the rows here. The
 * objector uploads them with the one-time token its receipt carried (only its hash is stored);
 * officials add their own while investigating.
 */
export class ObjectionAttachments1764060000001 implements MigrationInterface {
  name = 'ObjectionAttachments1764060000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE objections ADD COLUMN attachment_token_hash text`);
    await q.query(`
      CREATE TABLE objection_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        objection_id uuid NOT NULL REFERENCES objections(id),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size bigint NOT NULL,
        media_type text NOT NULL,
        original_name text NOT NULL,
        source text NOT NULL DEFAULT 'objector' CHECK (source IN ('objector','official')),
        added_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (objection_id, source, sha256)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS objection_attachments`);
    await q.query(`ALTER TABLE objections DROP COLUMN IF EXISTS attachment_token_hash`);
  }
}
