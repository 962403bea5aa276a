import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createRequire } from 'node:module';

const version = createRequire(import.meta.url)('bullmq/package.json').version;
const COUNTED = ['active', 'wait', 'paused', 'delayed', 'prioritized', 'waiting-children'];

/**
 * BullMQ on Redis: each workload gets a queue of its own name (Redis keys of their own), so none inherits another's
 * jobs. Completed jobs are kept, as BullMQ does by default and as Durq keeps its finished tasks.
 */
export async function bullmqPeer({ redisPort }) {
  const connection = { host: '127.0.0.1', port: redisPort, maxRetriesPerRequest: null };
  return {
    name: `BullMQ ${version}`,
    store: 'redis',
    async describe() {
      const redis = new Redis(connection);
      try {
        const info = await redis.info('server');
        const redisVersion = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
        const setting = async (name) => (await redis.config('GET', name))[1];
        return `Redis ${redisVersion}, appendonly=${await setting('appendonly')}, appendfsync=${await setting('appendfsync')}, save="${await setting('save')}"`;
      } finally {
        redis.disconnect();
      }
    },
    async open(workload) {
      const name = `durq-bench-${workload}`;
      const queue = new Queue(name, { connection });
      await queue.waitUntilReady();
      return {
        enqueue: (data) => queue.add('noop', data),
        enqueueBulk: (items) => queue.addBulk(items.map((data) => ({ name: 'noop', data }))),
        async startWorkers(count, handler) {
          // One Worker with concurrency N, BullMQ's way of running N handlers in one process.
          const worker = new Worker(name, (job) => handler(job.data), { connection, concurrency: count });
          worker.on('error', () => {});
          await worker.waitUntilReady();
          return { stop: () => worker.close() };
        },
        async unfinished() {
          const counts = await queue.getJobCounts(...COUNTED);
          return Object.values(counts).reduce((sum, n) => sum + n, 0);
        },
        close: () => queue.close(),
      };
    },
  };
}
