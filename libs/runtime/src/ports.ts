import { createServer } from 'node:net';
import { ConfigError } from '@ff/config';

/**
 * Refuses to go on when a port the process is about to use is taken, naming the variable that chose
 * it and suggesting a free one — checked before anything is created (data directory, cluster,
 * staging), so a busy port leaves nothing behind. Another process could still take the port
 * between this check and the listen; that rare race ends with the listen's own error.
 */
export async function assertPortFree(port: number, host: string, variable: string): Promise<void> {
  const error = await tryListen(port, host);
  if (!error) return;
  if (error.code === 'EADDRINUSE') {
    const free = await nearbyFreePort(port, host);
    throw new ConfigError(
      `端口 ${port} 已被占用（由环境变量 ${variable} 指定）：可能另一个程序或本系统的另一个实例正在使用它。` +
        `请停止占用该端口的程序，或为 ${variable} 另选空闲端口${free ? `，例如 ${variable}=${free} npm start` : ''}。`,
    );
  }
  if (error.code === 'EACCES') {
    throw new ConfigError(`无权监听端口 ${port}（由环境变量 ${variable} 指定）：1024 以下的端口需要特权，请另选端口。`);
  }
  throw new ConfigError(`无法监听 ${host}:${port}（由环境变量 ${variable} 指定）：${error.message}`);
}

function tryListen(port: number, host: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

async function nearbyFreePort(port: number, host: string): Promise<number | null> {
  for (let candidate = port + 1; candidate <= Math.min(port + 20, 65535); candidate++) {
    if (!(await tryListen(candidate, host))) return candidate;
  }
  return null;
}
