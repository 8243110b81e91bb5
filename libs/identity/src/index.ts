/**
 * Identity: users and roles, login sessions (JWT access + rotating refresh tokens), the global
 * auth guard, and the one authorization service that records and answers denied accesses.
 */
export { IdentityModule } from './identity.module';
export { UsersService, PublicUser } from './users/users.service';
export { UserAdminService } from './users/user-admin.service';
export { UserView } from './users/user.view';
export { IdentityErrors } from './identity.errors';
export { PROVINCE_CODE, jurisdictionFor, holdsValidJurisdiction } from './users/jurisdiction';
export { AuthService, TokenPair } from './auth/auth.service';
export { AuthorizationService, AccessTarget } from './authorization.service';
export { Public, Roles, CurrentActor, ReqMeta, requestMetaOf } from './auth/decorators';
export { hashPassword, assertPasswordPolicy } from './auth/password';
export { User } from './entities/user.entity';
