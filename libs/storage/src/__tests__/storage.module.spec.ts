import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test } from '@nestjs/testing';
import { AppConfig, ConfigModule } from '@ff/config';
import { FILE_STORAGE, LocalDiskStorage, StorageModule } from '../index';

describe('StorageModule', () => {
  let root: string;
  beforeEach(async () => (root = await mkdtemp(join(tmpdir(), 'ff-storage-module-'))));
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('provides a local-disk FILE_STORAGE in the configured directory, created at start', async () => {
    const storageDir = join(root, 'storage');
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot({ storageDir, evidence: { allowMacros: false } } as AppConfig), StorageModule],
    }).compile();

    expect(moduleRef.get(FILE_STORAGE)).toBeInstanceOf(LocalDiskStorage);
    expect((await stat(join(storageDir, 'tmp'))).isDirectory()).toBe(true);
    await moduleRef.close();
  });
});
