import { Module } from '@nestjs/common';
import { UploadIntake } from '@ff/storage';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsModule } from '@ff/applications';
import { BatchesModule } from '@ff/batches';
import { EnterprisesModule } from '@ff/enterprises';
import { ApplicationImport } from './entities/application-import.entity';
import { ImportAnalyser } from './import-analyser.service';
import { ImportCommitService } from './import-commit.service';
import { ImportSheetsService } from './import-sheets.service';
import { ImportValidateProcessor } from './import.processor';
import { ImportsController } from './imports.controller';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';
import { ImportsService } from './imports.service';

@Module({
  imports: [TypeOrmModule.forFeature([ApplicationImport]), ApplicationsModule, BatchesModule, EnterprisesModule],
  controllers: [ImportsController, ExportsController],
  providers: [
    ImportsService,
    ImportAnalyser,
    ImportCommitService,
    ImportSheetsService,
    ImportValidateProcessor,
    ExportsService,
    UploadIntake,
  ],
})
export class ImportsModule {}
