import { createRequire } from 'node:module';
import { Logger, makeWorkerUtils, run } from 'graphile-worker';
import pg from 'pg';
import { describePostgres, schemaFor } from './postgres.mjs';

const version = createRequire(import.meta.url)('graphile-worker/package.json').version;

// graphile-worker logs every job at info; errors are all a benchmark wants to see.
const logger = new Logger(() => (level, message) => {
  if (level === 'error') console.error(`graphile-worker: ${message}`);
});

/**
 * graphile-worker on PostgreSQL: each workload gets a schema of its own in the fresh database durq bench made.
 * Producers use a pool sized for E1's 32 concurrent callers; the runner (one process, concurrency N) has its own, and
 * is woken by LISTEN/NOTIFY as graphile-worker is by default. It deletes a job once done, so "unfinished" is every
 * row left in its jobs table.
 */
export async function graphilePeer({ postgres }) {
  return {
    name: `graphile-worker ${version}`,
    store: 'postgres',
    describe: () => describePostgres(postgres),
    async open(workload) {
      const schema = schemaFor('graphile', workload);
      const pool = new pg.Pool({ connectionString: postgres, max: 40 });
      pool.on('error', (error) => console.error(`graphile-worker pool: ${error.message}`));
      const utils = await makeWorkerUtils({ pgPool: pool, schema, logger });
      await utils.migrate();
      return {
        enqueue: (payload) => utils.addJob('noop', payload),
        enqueueBulk: (items) => utils.addJobs(items.map((payload) => ({ identifier: 'noop', payload }))),
        async startWorkers(count, handler) {
          const runner = await run({
            connectionString: postgres,
            maxPoolSize: count + 2,
            schema,
            concurrency: count,
            noHandleSignals: true,
            logger,
            taskList: { noop: (payload) => handler(payload) },
          });
          return { stop: () => runner.stop() };
        },
        async unfinished() {
          const { rows } = await pool.query(`SELECT count(*)::int AS n FROM "${schema}"._private_jobs`);
          return rows[0].n;
        },
        async close() {
          await utils.release();
          await pool.end();
        },
      };
    },
  };
}
