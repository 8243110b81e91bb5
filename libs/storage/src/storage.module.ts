import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { FILE_STORAGE, FileStorage } from './file-storage.port';
import { LocalDiskStorage } from './local-disk.storage';

@Global()
@Module({
  providers: [
    {
      provide: FILE_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): Promise<FileStorage> => LocalDiskStorage.create(config.storageDir),
    },
  ],
  exports: [FILE_STORAGE],
})
export class StorageModule {}
