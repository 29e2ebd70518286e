// Manual interop check (not run by the test suite): reads Arrow IPC files written by Fugue.NET into
// /tmp/ipc-interop/out together with out/expected.json (canonical values; see the IPC helper's report for
// the tiny C# console that writes them) and compares every value. Run from a folder with
// apache-arrow / nodejs-polars installed: node check-polars.mjs out/fugue.arrow ...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const pl = require('nodejs-polars');
const expected = JSON.parse(readFileSync('out/expected.json', 'utf8'));

function norm(dtype, v) {
  if (v === null || v === undefined) return null;
  const name = (String(dtype).match(/^DataType\((\w+)/) ?? [0, dtype.variant])[1];
  if (/^U?Int/.test(name)) return String(v);
  if (/^Float/.test(name)) return Number(v);
  if (name === 'Bool') return v;
  if (name === 'String' || name === 'Utf8') return v;
  if (name === 'Binary') return Buffer.from(v).toString('hex');
  if (name === 'Date') return Math.floor((v instanceof Date ? v.getTime() : Number(v)) / 86400000);
  if (name === 'Datetime') return String(Math.floor(v instanceof Date ? v.getTime() : Number(v)));
  if (name === 'Decimal') { let r = String(v); if (r.includes('.')) r = r.replace(/0+$/, '').replace(/\.$/, ''); return r; }
  if (name === 'List') return [...v].map(x => norm(dtype.inner ?? dtype.innerDtype?.(), x));
  if (name === 'Struct') { const o = {}; const fs = Array.isArray(dtype.fields) ? dtype.fields : null; if (fs) { for (const f of fs) o[f.name] = norm(f.dtype, v[f.name]); } else { for (const k of Object.keys(v)) o[k] = v[k] === null ? null : (typeof v[k] === 'number' || typeof v[k] === 'bigint' ? String(v[k]) : Array.isArray(v[k]) ? v[k].map(x => x === null ? null : String(x)) : v[k]); } return o; }
  if (name === 'Null') return null;
  return 'UNHANDLED:' + name;
}
function normExp(dtype, v) {
  const name = (String(dtype).match(/^DataType\((\w+)/) ?? [0, dtype.variant])[1];
  if (v === null) return null;
  if (name === 'Decimal') { let r = v; if (r.includes('.')) r = r.replace(/0+$/, '').replace(/\.$/, ''); return r; }
  return v;
}
let mismatches = 0, checked = 0;
for (const file of process.argv.slice(2)) {
  let df;
  try {
    df = file.endsWith('.arrows') ? pl.readIPCStream(readFileSync(file)) : pl.readIPC(readFileSync(file));
  } catch (e) { console.log(file, 'polars failed:', e.message); continue; }
  if (df.columns.includes('bin')) { console.log(file, 'read', df.height, 'rows; bin column dropped (nodejs-polars cannot convert Binary to JS)'); df = df.drop('bin'); }
  for (const c of ['f16', 'm']) if (df.columns.includes(c)) { console.log(file, 'column', c, 'dropped (nodejs-polars cannot convert it to JS)'); df = df.drop(c); }
  console.log(file, 'schema:', df.columns.map((c, k) => `${c}:${df.dtypes[k]}`).join(', '));
  for (const c of df.columns) {
    let s = df.getColumn(c);
    if (String(s.dtype).startsWith('DataType(Decimal')) s = s.cast(pl.Utf8);
    const vals = s.toArray();
    for (let i = 0; i < vals.length; i++) {
      const got = norm(s.dtype, vals[i]);
      const exp = normExp(s.dtype, expected[i][c]);
      if (String(s.dtype).startsWith('DataType(Struct') && exp === null && s.isNull().toArray()[i]) { checked++; continue; }
      checked++;
      if (JSON.stringify(got) !== JSON.stringify(exp)) {
        if (mismatches++ < 15) console.log(file, c, i, 'got', JSON.stringify(got), 'expected', JSON.stringify(exp));
      }
    }
  }
}
console.log('checked', checked, 'mismatches', mismatches);
