import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A directory of this process's own under the system temp directory, removed on every way out. */
export interface Staging {
  dir: string;
  remove(): void;
}

const PREFIX = 'ff-embedded-postgres-';

/**
 * Creates the staging directory, named after this process so a later start can tell an abandoned
 * one (its process gone: killed, or the machine restarted) from one in use, and removes those.
 * The directory goes on stop, on a failed start, and at process exit however that comes.
 */
export function createStaging(): Staging {
  removeAbandonedStagings();
  const dir = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  chmodSync(dir, 0o755);
  const remove = () => {
    process.removeListener('exit', remove);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', remove);
  return { dir, remove };
}

function removeAbandonedStagings(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid && !alive(Number(pid))) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
