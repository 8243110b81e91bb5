import type { Actor } from '@ff/core';
import { SQL_ALL, type SqlCondition, visibilityPolicy } from '@ff/database';
import type { BatchStatus } from './entities/batch.entity';

export interface BatchScope {
  status: BatchStatus;
}

/** Drafts are the province's working copies: other roles see a batch once it opens. */
export function canSeeBatch(actor: Actor, batch: BatchScope): boolean {
  return batch.status !== 'draft' || actor.role === 'official';
}

/** `canSeeBatch` as a condition on the batches table aliased `b`. */
export function batchVisibleSql(actor: Actor): SqlCondition {
  return actor.role === 'official' ? SQL_ALL : { sql: `b.status <> 'draft'`, params: {} };
}

export const batchVisibility = visibilityPolicy<BatchScope>(canSeeBatch, batchVisibleSql, {
  from: 'batches b',
  id: 'b.id',
});
