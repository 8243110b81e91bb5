import { createSecretKey } from 'node:crypto';
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@ff/config';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LoginLockout } from './auth/login-lockout';
import { AuthorizationService } from './authorization.service';
import { Session } from './entities/session.entity';
import { User } from './entities/user.entity';
import { UsersController } from './users/users.controller';
import { UserAdminService } from './users/user-admin.service';
import { UsersService } from './users/users.service';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([User, Session]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      // A KeyObject, made once: given a string, jsonwebtoken first tries (and fails) to parse it as a
      // public key on every verification.
      useFactory: (config: AppConfig) => ({
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret)),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    AuthService,
    LoginLockout,
    UsersService,
    UserAdminService,
    AuthorizationService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService, UserAdminService, AuthorizationService, AuthService],
})
export class IdentityModule {}
