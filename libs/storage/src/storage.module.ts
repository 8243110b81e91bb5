import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { FILE_STORAGE, FileStorage } from './file-storage.port';
import { LocalDiskStorage } from './local-disk.storage';
import { DEFAULT_ARCHIVE_POLICY } from './office-container';

@Global()
@Module({
  providers: [
    {
      provide: FILE_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Promise<FileStorage> =>
        LocalDiskStorage.create(config.storageDir, {
          ...DEFAULT_ARCHIVE_POLICY,
          allowMacros: config.evidence.allowMacros,
        }),
    },
  ],
  exports: [FILE_STORAGE],
})
export class StorageModule {}
