// Runs the shared peer harness (harness/run.mjs of a writable copy of ../shared/bench) with this project's
// systems registered next to the peers, so that Fugue.NET and the peers are measured in the same run, the same way
// (fresh process per run, /usr/bin/time -v, warm page cache, interleaved order).
//
//   node bench/workloads-harness.mjs <kit dir> <Fugue.Workloads.dll> [run.mjs args...]
//
// run.mjs has a fixed SYSTEMS table and no registration hook, so this writes harness/run-fugue.mjs next to it: the
// same file with our systems added to SYSTEMS just before the matrix is read. Fails loudly if run.mjs changed shape.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const [kit, dll, ...rest] = process.argv.slice(2);
if (!kit || !dll) {
  console.error('usage: node bench/workloads-harness.mjs <kit dir> <Fugue.Workloads.dll> [run.mjs args...]');
  process.exit(2);
}
const src = fs.readFileSync(path.join(kit, 'harness', 'run.mjs'), 'utf8');
const anchor = 'const sizes = list(';
if (!src.includes(anchor) || !src.includes('const SYSTEMS = {')) {
  console.error(`harness/run.mjs in ${kit} no longer has the expected shape ('${anchor}'); update bench/workloads-harness.mjs`);
  process.exit(1);
}
const ours = `
// ---- added by Fugue.NET bench/workloads-harness.mjs ----
const FUGUE_DLL = ${JSON.stringify(path.resolve(dll))};
const DOTNET = process.env.DOTNET || 'dotnet';
Object.assign(SYSTEMS, {
  // W6 through the SQL layer (SqliteEngine); every other workload through the native engine
  'fugue-net': { cmd: (w, s) => [DOTNET, FUGUE_DLL, w, s, '--system', 'fugue-net'], workloads: ALL_W },
  // W6 through the native Aggregate (column expressions)
  'fugue-net-native': { cmd: (w, s) => [DOTNET, FUGUE_DLL, w, s, '--system', 'fugue-net-native', '--w6', 'native'], workloads: ['W6'] },
  // W3 through a row-typed transformer (records in, records out) instead of the columnar one
  'fugue-net-rows': { cmd: (w, s) => [DOTNET, FUGUE_DLL, w, s, '--system', 'fugue-net-rows', '--w3', 'rows'], workloads: ['W3'] },
});
`;
fs.writeFileSync(path.join(kit, 'harness', 'run-fugue.mjs'), src.replace(anchor, ours + anchor));
const r = spawnSync(process.execPath, [path.join(kit, 'harness', 'run-fugue.mjs'), ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
