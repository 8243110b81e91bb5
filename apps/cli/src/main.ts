import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Module, type DynamicModule } from '@nestjs/common';
import { AuditModule, AuditService } from '@ff/audit';
import { SYSTEM_ACTOR } from '@ff/core';
import { AppConfig, ConfigModule } from '@ff/config';
import { DatabaseModule, revertLastMigration } from '@ff/database';
import { IdentityModule, UserAdminService, UsersService } from '@ff/identity';
import { resolveRuntime } from '@ff/runtime';
import { runCatalogExport } from './catalog-export';

const USAGE = `用法: node dist/apps/cli/src/main.js <命令>
  migration:run      执行数据库迁移
  migration:revert   回滚最近一次迁移
  seed               按 ADMIN_USERNAME / ADMIN_PASSWORD 创建首个管理员
  admin:reset-password <用户名>
                     管理员密码遗失时的恢复：为该管理员生成一次性密码（登录后须修改），解除锁定并注销其会话
  audit:verify       校验审计日志哈希链
  catalog:export     以 JSON 输出规则目录（表1–15）`;

@Module({})
class CliModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CliModule,
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot(), TypeOrmModule, AuditModule, IdentityModule],
    };
  }
}

async function withApp<T>(
  fn: (get: <S>(t: new (...a: never[]) => S) => S, config: AppConfig) => Promise<T>,
): Promise<T> {
  const runtime = await resolveRuntime(process.env, { migrate: true });
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(runtime.config), {
    logger: ['error', 'warn'],
  });
  try {
    return await fn((t) => app.get(t), runtime.config);
  } finally {
    await app.close();
    await runtime.stop();
  }
}

async function main(command: string | undefined, argv: string[]): Promise<number> {
  switch (command) {
    case 'catalog:export': {
      runCatalogExport(argv);
      return 0;
    }
    case 'migration:run': {
      const runtime = await resolveRuntime(process.env, { migrate: true });
      await runtime.stop();
      console.log('迁移已执行完毕');
      return 0;
    }
    case 'migration:revert': {
      const runtime = await resolveRuntime(process.env, { migrate: false });
      await revertLastMigration(runtime.config);
      await runtime.stop();
      console.log('已回滚最近一次迁移');
      return 0;
    }
    case 'seed':
      return withApp(async (get, config) => {
        const r = await get(UsersService).seedAdmin({
          username: config.admin.username,
          password: config.admin.password,
          generate: config.embedded.database,
        });
        if (r.oneTimePassword)
          console.log(`已创建管理员 ${r.username}，一次性密码：${r.oneTimePassword}（首次登录须修改）`);
        else if (r.created) console.log(`已创建管理员 ${r.username}`);
        else
          console.log(
            config.admin.password || config.embedded.database
              ? '管理员已存在，未做改动'
              : '请设置 ADMIN_USERNAME 与 ADMIN_PASSWORD 后再执行',
          );
        return 0;
      });
    case 'admin:reset-password': {
      const username = argv[0];
      if (!username) {
        console.error('用法: npm run admin:reset-password -- <管理员用户名>');
        return 1;
      }
      return withApp(async (get) => {
        const { user, oneTimePassword } = await get(UserAdminService).resetAdminPassword(SYSTEM_ACTOR, username);
        console.log(
          `已重置管理员 ${user.username} 的密码，一次性密码：${oneTimePassword}（登录后须立即修改；原有会话已全部注销）`,
        );
        return 0;
      });
    }
    case 'audit:verify':
      return withApp(async (get) => {
        const result = await get(AuditService).verify();
        if (result.ok) {
          console.log(`审计日志完整：已校验 ${result.checked} 条记录`);
          return 0;
        }
        console.error(
          `审计日志被篡改：第 ${result.brokenAt!.id} 条记录校验失败（${result.brokenAt!.reason}），此前 ${result.checked} 条完好`,
        );
        return 2;
      });
    default:
      console.error(USAGE);
      return 1;
  }
}

main(process.argv[2], process.argv.slice(3)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
