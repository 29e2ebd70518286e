// Manual interop check (not run by the test suite): reads Arrow IPC files written by Fugue.NET into
// /tmp/ipc-interop/out together with out/expected.json (canonical values; see the IPC helper's report for
// the tiny C# console that writes them) and compares every value. Run from a folder with
// apache-arrow / nodejs-polars installed: node check-arrowjs.mjs out/fugue.arrow ...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const arrow = require('apache-arrow');
const { Type } = arrow;
const expected = JSON.parse(readFileSync('out/expected.json', 'utf8'));

function norm(type, v) {
  if (v === null || v === undefined) return null;
  switch (type.typeId) {
    case Type.Int: return String(v);
    case Type.Float: return Number(v);
    case Type.Bool: return v;
    case Type.Utf8: return v;
    case Type.Binary: return Buffer.from(v).toString('hex');
    case Type.Date: { const ms = typeof v === 'number' ? v : v.getTime(); return Math.floor(ms / 86400000); }
    case Type.Timestamp: { const ms = typeof v === 'number' ? v : (typeof v === 'bigint' ? Number(v) : v.getTime()); return String(Math.floor(ms)); }
    case Type.Decimal: {
      // arrow-js returns the 128-bit little-endian words; format with the scale.
      const words = new Uint32Array(v.buffer ?? v, v.byteOffset ?? 0, 4);
      let big = 0n;
      for (let k = 3; k >= 0; k--) big = (big << 32n) | BigInt(words[k]);
      if (big >= (1n << 127n)) big -= (1n << 128n);
      const neg = big < 0n; let s = (neg ? -big : big).toString().padStart(type.scale + 1, '0');
      let r = type.scale > 0 ? s.slice(0, -type.scale) + '.' + s.slice(-type.scale) : s;
      if (r.includes('.')) r = r.replace(/0+$/, '').replace(/\.$/, '');
      return (neg ? '-' : '') + r;
    }
    case Type.List: return [...v].map(x => norm(type.children[0].type, x));
    case Type.Struct: { const o = {}; for (const f of type.children) o[f.name] = norm(f.type, v[f.name]); return o; }
    case Type.Map: {
      const entries = type.children[0].type.children;
      return [...v].map(([k, x]) => [norm(entries[0].type, k), norm(entries[1].type, x)]);
    }
    case Type.Null: return null;
    default: throw new Error('unhandled type ' + type);
  }
}

function normDecimalExpected(s) { if (s === null) return null; let r = s; if (r.includes('.')) r = r.replace(/0+$/, '').replace(/\.$/, ''); return r === '-0' ? '0' : r; }

let mismatches = 0, checked = 0;
for (const file of process.argv.slice(2)) {
  const t = arrow.tableFromIPC(readFileSync(file));
  if (t.numRows !== expected.length) { console.log(file, 'rows', t.numRows, 'expected', expected.length); mismatches++; continue; }
  for (const f of t.schema.fields) {
    const col = t.getChild(f.name);
    for (let i = 0; i < t.numRows; i++) {
      let got = norm(f.type, col.get(i));
      let exp = expected[i][f.name];
      if (f.type.typeId === Type.Decimal) exp = normDecimalExpected(exp);
      checked++;
      if (JSON.stringify(got) !== JSON.stringify(exp)) {
        if (mismatches++ < 15) console.log(file, f.name, i, 'got', JSON.stringify(got), 'expected', JSON.stringify(exp));
      }
    }
  }
  console.log(file, 'schema:', t.schema.fields.map(f => `${f.name}:${f.type}`).join(', '));
}
console.log('checked', checked, 'mismatches', mismatches);
