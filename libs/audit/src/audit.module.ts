import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditAnchors } from './audit-anchors';
import { AuditEvent } from './audit-event.entity';
import { AuditSealer } from './audit-sealer';
import { AuditSealerHost } from './audit-sealer.host';
import { AuditVerifier } from './audit-verifier';
import { AuditService } from './audit.service';

const PROVIDERS = [AuditService, AuditAnchors, AuditSealer, AuditVerifier];

/**
 * The audit log. Import `AuditModule.forRoot({ seal: true })` in the one kind of process that
 * should seal the chain continuously (the worker, or the api when it runs the processors itself);
 * elsewhere the plain module writes events and can seal or verify on demand (the CLI).
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEvent])],
  providers: PROVIDERS,
  exports: PROVIDERS,
})
export class AuditModule {
  static forRoot(options: { seal: boolean }): DynamicModule {
    return {
      module: AuditModule,
      global: true,
      imports: [TypeOrmModule.forFeature([AuditEvent])],
      providers: [...PROVIDERS, ...(options.seal ? [AuditSealerHost] : [])],
      exports: PROVIDERS,
    };
  }
}
