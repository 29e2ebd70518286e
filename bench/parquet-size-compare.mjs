// Compares the size of the Parquet file Fugue.NET writes for W7 (the fact table loaded and saved unchanged, snappy)
// with the file DuckDB writes for the same data and codec, and checks that both hold exactly the input's rows.
//
//   dotnet build bench/Fugue.Workloads -c Release
//   node bench/parquet-size-compare.mjs [--data DIR] [--sizes 1m,10m] [--no-run]
//
// For each size: runs the W7 workload of bench/Fugue.Workloads (unless --no-run: then the existing
// DIR/out/fugue-net_W7_<size>.parquet is used), writes DIR/out/duckdb_W7size_<size>.parquet with
// `COPY (SELECT * FROM read_parquet(input)) TO ... (FORMAT parquet, COMPRESSION snappy)` (DuckDB's defaults
// otherwise), prints both sizes with their ratio and the compressed bytes per column, and verifies with DuckDB that
// ours EXCEPT ALL input and input EXCEPT ALL ours are both empty. The goal (issue 5): ours at most 1.10x DuckDB's.
// DuckDB comes from the npm package @duckdb/node-api installed by tests/Fugue.Interop.Tests (`npm ci` there).
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const dataDir = resolve(opt('--data', process.env.BENCH_DATA ?? join(root, 'bench', 'data')));
const sizes = opt('--sizes', '1m,10m').split(',');
const run = !args.includes('--no-run');

const interop = join(root, 'tests', 'Fugue.Interop.Tests');
if (!existsSync(join(interop, 'node_modules', '@duckdb', 'node-api'))) {
  console.error(`installing the peers' npm packages in ${interop} (npm ci)`);
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: interop, stdio: 'inherit' });
}
const require = createRequire(join(interop, 'package.json'));
const { DuckDBInstance } = await import(require.resolve('@duckdb/node-api'));

const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await db.connect();
const q = async (sql) => (await con.runAndReadAll(sql)).getRowObjects();
const lit = (p) => `'${p.replaceAll("'", "''")}'`;
const mib = (n) => (n / 1048576).toFixed(2);

mkdirSync(join(dataDir, 'out'), { recursive: true });
let worst = 0;
for (const size of sizes) {
  const input = join(dataDir, `fact_${size}.parquet`);
  const ours = join(dataDir, 'out', `fugue-net_W7_${size}.parquet`);
  const theirs = join(dataDir, 'out', `duckdb_W7size_${size}.parquet`);
  if (run) {
    const dll = join(root, 'bench', 'Fugue.Workloads', 'bin', 'Release', 'net10.0', 'Fugue.Workloads.dll');
    execFileSync('dotnet', [dll, 'W7', size, '--data', dataDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  }

  rmSync(theirs, { force: true });
  await q(`COPY (SELECT * FROM read_parquet(${lit(input)})) TO ${lit(theirs)} (FORMAT parquet, COMPRESSION snappy)`);
  for (const [a, b] of [[ours, input], [input, ours]]) {
    const [{ n }] = await q(`SELECT count(*)::BIGINT AS n FROM (SELECT * FROM read_parquet(${lit(a)}) EXCEPT ALL SELECT * FROM read_parquet(${lit(b)}))`);
    if (n !== 0n) {
      console.error(`!!! ${a} EXCEPT ALL ${b}: ${n} rows`);
      process.exitCode = 1;
    }
  }

  const [{ rows }] = await q(`SELECT count(*)::BIGINT AS rows FROM read_parquet(${lit(ours)})`);
  const perColumn = async (f) => Object.fromEntries((await q(
    `SELECT path_in_schema AS col, sum(total_compressed_size)::BIGINT AS bytes, count(*)::BIGINT AS chunks,
            string_agg(DISTINCT encodings, ' | ') AS enc
     FROM parquet_metadata(${lit(f)}) GROUP BY path_in_schema`)).map((r) => [r.col, r]));
  const [co, ct] = [await perColumn(ours), await perColumn(theirs)];
  const [so, st] = [statSync(ours).size, statSync(theirs).size];
  const ratio = so / st;
  worst = Math.max(worst, ratio);
  console.log(`\n${size}: ${rows} rows, row groups: ours ${Object.values(co)[0].chunks}, duckdb ${Object.values(ct)[0].chunks}`);
  console.log(`  file bytes: fugue-net ${so} (${mib(so)} MiB), duckdb ${st} (${mib(st)} MiB), ratio ${ratio.toFixed(3)}x (goal <= 1.10x: ${ratio <= 1.1 ? 'holds' : 'misses'})`);
  for (const col of Object.keys(ct)) {
    const o = co[col], t = ct[col];
    console.log(`  ${col.padEnd(4)} fugue-net ${mib(Number(o.bytes)).padStart(8)} MiB [${o.enc}]  duckdb ${mib(Number(t.bytes)).padStart(8)} MiB [${t.enc}]  ${(Number(o.bytes) / Number(t.bytes)).toFixed(2)}x`);
  }
}

console.log(`\nlargest ratio fugue-net / duckdb: ${worst.toFixed(3)}x`);
