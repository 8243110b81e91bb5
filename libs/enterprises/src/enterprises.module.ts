import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnterprisesController } from './enterprises.controller';
import { EnterprisesService } from './enterprises.service';
import { Enterprise } from './entities/enterprise.entity';
import { MountainIslandController } from './mountain-island/mountain-island.controller';
import { MountainIslandCounty } from './mountain-island/mountain-island-county.entity';
import { MountainIslandService } from './mountain-island/mountain-island.service';

@Module({
  imports: [TypeOrmModule.forFeature([Enterprise, MountainIslandCounty])],
  controllers: [EnterprisesController, MountainIslandController],
  providers: [EnterprisesService, MountainIslandService],
  exports: [EnterprisesService, MountainIslandService],
})
export class EnterprisesModule {}
