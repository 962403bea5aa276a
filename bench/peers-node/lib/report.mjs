import { writeFileSync } from 'node:fs';
import os from 'node:os';

// The report Durq.Bench.Peers writes for Hangfire (PeerReport.cs), in the same camelCase shape, so durq bench's
// PeerResult.Parse reads either: peer, store, storeSettings, workers, figures [{workload, store, value, unit, note}].
export function makeReport(peer, store, storeSettings, workers, figures) {
  const cpu = os.cpus()[0]?.model ?? os.arch();
  return {
    peer,
    store,
    storeSettings,
    workers,
    figures,
    date: new Date().toISOString(),
    machine: `${os.hostname()}: ${cpu}, ${os.cpus().length} cores, ${os.type()} ${os.release()}, Node.js ${process.version}`,
  };
}

export function writeTable(report, out = process.stdout) {
  out.write(`${report.peer} on ${report.storeSettings}, ${report.workers} workers\n${report.machine} — ${report.date}\n\n`);
  out.write('| workload | value | unit |\n|---|---|---|\n');
  for (const f of report.figures) {
    const value = f.unit === 'ms' || f.unit === 's' ? f.value.toFixed(2) : Math.round(f.value).toLocaleString('en-US');
    out.write(`| ${f.workload} | ${value} | ${f.unit} |${f.note ? ' ' + f.note : ''}\n`);
  }
}

export const writeJson = (report, path) => writeFileSync(path, JSON.stringify(report, null, 2));
