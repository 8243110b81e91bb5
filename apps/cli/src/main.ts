import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Module, type DynamicModule } from '@nestjs/common';
import { AuditAnchors, AuditModule, AuditSealer, AuditVerifier } from '@ff/audit';
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
  audit:verify [--anchors 文件] [--public-key 公钥文件]
                     校验审计日志哈希链，并与签名检查点比对（默认为本机的检查点文件与密钥）
  audit:seal         立即把尚未封链的审计记录封入哈希链，并签署一个检查点
  audit:anchors      输出检查点的验签公钥与全部检查点（交审计人员留存）
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
        const flag = (name: string) => {
          const i = argv.indexOf(name);
          return i >= 0 ? argv[i + 1] : undefined;
        };
        const r = await get(AuditVerifier).verify({
          anchorsFile: flag('--anchors'),
          publicKeyFile: flag('--public-key'),
        });
        console.log(`已校验 ${r.checked} 条已封链记录（每秒 ${r.rowsPerSecond} 条），链头为第 ${r.head.seq} 条`);
        console.log(
          `签名检查点：${r.anchors.count} 个有效（文件 ${r.anchors.file}）${
            r.anchors.latestSeq ? `，最新一个记录到第 ${r.anchors.latestSeq} 条` : ''
          }`,
        );
        console.log(
          `尚未封链：${r.unsealed.count} 条${r.unsealed.count ? `，最早一条已等待 ${r.unsealed.oldestSeconds} 秒` : ''}`,
        );
        if (r.ok) {
          console.log('审计日志完整');
          return 0;
        }
        if (r.brokenAt)
          console.error(`第一处损坏：第 ${r.brokenAt.seq} 条（记录号 ${r.brokenAt.id}，${r.brokenAt.reason}）`);
        for (const p of r.problems) console.error(`审计日志有问题（${p.code}）：${p.message}`);
        return 2;
      });
    case 'audit:seal':
      return withApp(async (get) => {
        const sealed = await get(AuditSealer).drain();
        const anchor = await get(AuditSealer).anchorNow();
        console.log(
          `已封链 ${sealed} 条记录${anchor ? `；检查点：第 ${anchor.seq} 条，${anchor.alg} ${anchor.hash}` : '；审计链为空，未签署检查点'}`,
        );
        return 0;
      });
    case 'audit:anchors':
      return withApp(async (get) => {
        const anchors = get(AuditAnchors);
        const { anchors: all } = await anchors.read();
        process.stdout.write(anchors.publicKey().export({ type: 'spki', format: 'pem' }).toString());
        for (const a of all) process.stdout.write(`${JSON.stringify(a)}\n`);
        return 0;
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
