#!/usr/bin/env node
// Durq's workloads against a peer job queue, for ratios measured on the same machine in the same sitting:
//   node run.mjs <bullmq|pgboss|graphile> [--seconds N] [--jobs N] [--workers 16] [--concurrency 32] [--json out.json]
//                [--redis-port P | --redis-server PATH] [--postgres <connection string>]
// durq bench runs it (src/Durq.Bench/Suite/NodePeers.cs) and reads the JSON report, which has the shape of the
// Hangfire peer's (bench/Durq.Bench.Peers). Each workload runs on a queue of its own, so none inherits another's jobs.
import { parseArgs } from 'node:util';
import { bullmqPeer } from './peers/bullmq.mjs';
import { graphilePeer } from './peers/graphile.mjs';
import { pgbossPeer } from './peers/pgboss.mjs';
import { startPrivateRedis } from './lib/redis.mjs';
import { makeReport, writeJson, writeTable } from './lib/report.mjs';
import { log } from './lib/stats.mjs';
import * as workloads from './lib/workloads.mjs';

const PEERS = { bullmq: bullmqPeer, pgboss: pgbossPeer, graphile: graphilePeer };
const WORKLOADS = ['e1-seq', 'e1', 'e2', 'd1', 'l1'];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    jobs: { type: 'string', default: '20000' },
    workers: { type: 'string', default: '16' },
    concurrency: { type: 'string', default: '32' },
    'bulk-clients': { type: 'string', default: '4' },
    'batch-size': { type: 'string', default: '1000' },
    'latency-jobs': { type: 'string', default: '500' },
    rate: { type: 'string', default: '50' },
    'pgboss-fetch': { type: 'string', default: '100' },
    'cap-minutes': { type: 'string', default: '10' },
    workloads: { type: 'string', default: WORKLOADS.join(',') },
    json: { type: 'string' },
    'redis-port': { type: 'string' },
    'redis-server': { type: 'string', default: 'redis-server' },
    postgres: { type: 'string' },
  },
});

const usage = `usage: node run.mjs <${Object.keys(PEERS).join('|')}> [options]`;
const peerName = positionals[0];
if (!PEERS[peerName] || positionals.length !== 1) fail(usage);
const number = (name) => {
  const n = Number(values[name]);
  if (!(n > 0)) fail(`--${name} must be a positive number`);
  return n;
};
const chosen = values.workloads.split(',').map((w) => w.trim()).filter(Boolean);
if (chosen.length === 0 || chosen.some((w) => !WORKLOADS.includes(w))) fail(`--workloads: choose from ${WORKLOADS.join(',')}`);
if (peerName !== 'bullmq' && !values.postgres) fail(`${peerName} needs --postgres <connection string>`);

const seconds = number('seconds');
const warmUpMs = Number(values.warmup) * 1000;
const workers = number('workers');
const concurrency = number('concurrency');
const jobs = number('jobs');

let redis;
// durq bench stops its children with SIGTERM when it is stopped itself: the private redis-server goes too.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await redis?.stop();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  });
}
try {
  let redisPort = values['redis-port'] && Number(values['redis-port']);
  if (peerName === 'bullmq' && !redisPort) {
    redis = await startPrivateRedis(values['redis-server']);
    redisPort = redis.port;
  }
  const peer = await PEERS[peerName]({ redisPort, postgres: values.postgres, batchSize: number('pgboss-fetch') });
  const storeSettings = await peer.describe();
  log(`${peer.name} on ${storeSettings}`);

  const figures = [];
  const run = async (workload, title, measure) => {
    if (!chosen.includes(workload)) return;
    log(title);
    const queue = await peer.open(workload);
    try {
      figures.push(...(await measure(queue)).map((f) => ({ ...f, store: peer.store })));
    } finally {
      await queue.close();
    }
  };
  const windowMs = seconds * 1000;
  await run('e1-seq', `E1-seq: one sequential caller, ${seconds} s after a warm-up`, (q) => workloads.enqueue(q, 'E1-seq', 1, warmUpMs, windowMs));
  await run('e1', `E1-${concurrency}: ${concurrency} concurrent callers, ${seconds} s after a warm-up`, (q) =>
    workloads.enqueue(q, `E1-${concurrency}`, concurrency, warmUpMs, windowMs));
  await run('e2', `E2: ${values['bulk-clients']} callers adding ${values['batch-size']} jobs a call, ${seconds} s`, (q) =>
    workloads.bulkEnqueue(q, number('bulk-clients'), number('batch-size'), warmUpMs, windowMs));
  await run('d1', `D1: ${jobs} jobs, then ${workers} handlers`, (q) => workloads.drain(q, jobs, workers, number('cap-minutes') * 60_000));
  await run('l1', `L1: ${values['latency-jobs']} jobs at ${values.rate}/s, enqueue to handler start`, (q) =>
    workloads.latency(q, number('latency-jobs'), number('rate'), workers));

  const report = makeReport(peer.name, peer.store, storeSettings, workers, figures);
  writeTable(report);
  if (values.json) {
    writeJson(report, values.json);
    log(`wrote ${values.json}`);
  }
  // As the Hangfire peer: a figure with a note (a drain the cap stopped) makes the exit code 1, the report still stands.
  process.exitCode = figures.some((f) => f.note) ? 1 : 0;
} catch (error) {
  console.error(`${peerName}: ${error.stack ?? error}`);
  process.exitCode = 2;
} finally {
  await redis?.stop();
}

function fail(message) {
  console.error(message);
  process.exit(64);
}
