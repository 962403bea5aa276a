import { createRequire } from 'node:module';
import PgBoss from 'pg-boss';
import { describePostgres, schemaFor } from './postgres.mjs';

const version = createRequire(import.meta.url)('pg-boss/package.json').version;

/**
 * pg-boss on PostgreSQL: each workload gets a schema of its own in the fresh database durq bench made. Its pool is
 * sized for E1's 32 concurrent callers. Each of the N workers is one work() loop fetching up to `batchSize` jobs at a
 * time: a pg-boss worker waits its polling interval (at least 0.5 s) between fetches, so one job per fetch would
 * measure that sleep rather than the queue.
 */
export async function pgbossPeer({ postgres, batchSize }) {
  return {
    name: `pg-boss ${version}`,
    store: 'postgres',
    describe: () => describePostgres(postgres),
    async open(workload) {
      const name = 'noop';
      const boss = new PgBoss({ connectionString: postgres, schema: schemaFor('pgboss', workload), max: 40, schedule: false });
      boss.on('error', (error) => console.error(`pg-boss: ${error.message}`));
      await boss.start();
      await boss.createQueue(name);
      return {
        enqueue: (data) => boss.send(name, data),
        enqueueBulk: (items) => boss.insert(items.map((data) => ({ name, data }))),
        async startWorkers(count, handler) {
          const options = { batchSize, pollingIntervalSeconds: 0.5 };
          for (let i = 0; i < count; i++) {
            await boss.work(name, options, async (jobs) => {
              for (const job of jobs) await handler(job.data);
            });
          }
          return { stop: () => boss.offWork(name) };
        },
        unfinished: () => boss.getQueueSize(name, { before: 'completed' }),
        close: () => boss.stop({ graceful: true, wait: true }),
      };
    },
  };
}
