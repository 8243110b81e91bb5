import { EntityManager, In } from 'typeorm';
import type { ErrorDetail } from '@ff/core';
import { EvidenceFile } from './entities/evidence-file.entity';

/** Evidence may only be linked from the application it was uploaded to: one detail per foreign or unknown id. */
export async function evidenceErrors(
  em: EntityManager,
  applicationId: string,
  lists: { field: string; ids: string[] }[],
): Promise<ErrorDetail[]> {
  const all = [...new Set(lists.flatMap((l) => l.ids))];
  if (!all.length) return [];
  const found = await em.find(EvidenceFile, { where: { applicationId, id: In(all) }, select: { id: true } });
  const ok = new Set(found.map((f) => f.id));
  const details: ErrorDetail[] = [];
  for (const l of lists) {
    l.ids.forEach((eid, j) => {
      if (!ok.has(eid)) {
        details.push({
          field: `${l.field}[${j}]`,
          code: 'unknown_evidence',
          message: `佐证材料“${eid}”不存在或不属于本申报`,
        });
      }
    });
  }
  return details;
}
