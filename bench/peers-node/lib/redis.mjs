import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { log, waitUntil } from './stats.mjs';

// The durability BullMQ is measured with: every write appended to the AOF and fsynced before Redis answers (as Durq
// commits with synchronous=FULL before it answers), and no RDB snapshots, which would only add background work.
export const DURABLE_ARGS = ['--appendonly', 'yes', '--appendfsync', 'always', '--save', ''];

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A private redis-server on a free loopback port with its files in a temp folder; stop() ends it and removes them. */
export async function startPrivateRedis(program = 'redis-server') {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'durq-bench-redis-'));
  const port = await freePort();
  const child = spawn(program, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, ...DURABLE_ARGS], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  const spawnError = new Promise((_, reject) => child.once('error', reject));
  child.once('exit', () => {
    exited = true;
  });
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => {});
  const ready = waitUntil(
    async () => {
      if (exited) throw new Error(`${program} exited before it answered`);
      try {
        if (probe.status !== 'ready') await probe.connect();
        return (await probe.ping()) === 'PONG';
      } catch {
        probe.disconnect();
        return false;
      }
    },
    10_000,
    `${program} on port ${port}`,
  );
  await Promise.race([ready, spawnError]);
  probe.disconnect();
  log(`redis-server on 127.0.0.1:${port}, files in ${dir}`);
  return {
    port,
    async stop() {
      if (!exited) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
