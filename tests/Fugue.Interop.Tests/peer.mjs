// Runs a list of interop jobs against the peer implementations (DuckDB, Polars, arrow-rs via parquet-wasm,
// apache-arrow) and prints one JSON array of results on stdout. Usage: node peer.mjs jobs.json
//
// Every table is reported as {columns: [{name, type, values}]} with a value encoding that loses nothing:
//   integers -> decimal strings; floats -> "0x" + the 16 hex digits of the IEEE double (float32 widened);
//   strings -> strings; binary -> hex; date -> days since epoch; timestamps -> integer string in the type's
//   unit; decimals -> unscaled integer string; lists -> arrays; structs -> objects; maps -> [[k, v], ...].
// Types are reported in one peer-neutral spelling: bool, int8..int64, uint8..uint64, float16, float32, float64,
// str, bin, date, timestamp[unit] or timestamp[unit,tz], decimal(p,s), list<T>, struct<a:T,...>, map<K,V>.
import { readFileSync, writeFileSync } from 'node:fs';
import * as arrow from 'apache-arrow';
import * as pw from 'parquet-wasm';
import pl from 'nodejs-polars';
import { DuckDBInstance } from '@duckdb/node-api';

const f64 = new DataView(new ArrayBuffer(8));
function floatBits(x) {
  f64.setFloat64(0, x);
  return '0x' + f64.getBigUint64(0).toString(16).padStart(16, '0');
}
function hex(bytes) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

// ---------- apache-arrow tables ----------
const unitName = (u) => ['s', 'ms', 'us', 'ns'][u];

function arrowTypeName(t) {
  const T = arrow.Type;
  switch (t.typeId) {
    case T.Bool: return 'bool';
    case T.Int: return (t.isSigned ? 'int' : 'uint') + t.bitWidth;
    case T.Float: return ['float16', 'float32', 'float64'][t.precision];
    case T.Utf8: case T.LargeUtf8: case T.Utf8View: return 'str';
    case T.Binary: case T.LargeBinary: case T.BinaryView: case T.FixedSizeBinary: return 'bin';
    case T.Date: return 'date';
    case T.Timestamp: return t.timezone ? `timestamp[${unitName(t.unit)},${t.timezone}]` : `timestamp[${unitName(t.unit)}]`;
    case T.Decimal: return `decimal(${t.precision},${t.scale})`;
    case T.List: case T.LargeList: case T.FixedSizeList: return `list<${arrowTypeName(t.children[0].type)}>`;
    case T.Struct: return `struct<${t.children.map((c) => `${c.name}:${arrowTypeName(c.type)}`).join(',')}>`;
    case T.Map: {
      const e = t.children[0].type.children;
      return `map<${arrowTypeName(e[0].type)},${arrowTypeName(e[1].type)}>`;
    }
    case T.Dictionary: return arrowTypeName(t.dictionary);
    case T.Null: return 'null';
    default: return `unsupported:${t}`;
  }
}

function bigFromWords(words, start, count) {
  // little-endian 32-bit words, two's complement
  let v = 0n;
  for (let k = count - 1; k >= 0; k--) v = (v << 32n) | BigInt(words[start + k] >>> 0);
  return BigInt.asIntN(32 * count, v);
}

function arrowValue(data, i) {
  if (!data.getValid(i)) return null;
  const t = data.type;
  const T = arrow.Type;
  switch (t.typeId) {
    case T.Bool: return arrow.makeVector(data).get(i);
    case T.Int: {
      if (t.bitWidth === 64) return data.values[i].toString();
      return String(data.values[i]);
    }
    case T.Float: {
      if (t.precision === 0) return floatBits(arrow.util.uint16ToFloat64(data.values[i]));
      return floatBits(data.values[i]);
    }
    case T.Utf8: case T.LargeUtf8: case T.Utf8View: return arrow.makeVector(data).get(i);
    case T.Binary: case T.LargeBinary: case T.BinaryView: case T.FixedSizeBinary: return hex(arrow.makeVector(data).get(i));
    case T.Date: {
      if (t.unit === arrow.DateUnit.DAY) return Number(data.values[i]);
      const ms = data.values instanceof BigInt64Array ? data.values[i] : bigFromWords(data.values, 2 * i, 2);
      return Number(BigInt(ms) / 86400000n);
    }
    case T.Timestamp: {
      const v = data.values instanceof BigInt64Array ? data.values[i] : bigFromWords(data.values, 2 * i, 2);
      return v.toString();
    }
    case T.Decimal: {
      const words = t.bitWidth / 32;
      return bigFromWords(data.values, words * i, words).toString();
    }
    case T.List: case T.LargeList: {
      const off = data.valueOffsets;
      const out = [];
      for (let k = Number(off[i]); k < Number(off[i + 1]); k++) out.push(arrowValue(data.children[0], k));
      return out;
    }
    case T.FixedSizeList: {
      const out = [];
      for (let k = i * t.listSize; k < (i + 1) * t.listSize; k++) out.push(arrowValue(data.children[0], k));
      return out;
    }
    case T.Struct: {
      const o = {};
      t.children.forEach((c, k) => { o[c.name] = arrowValue(data.children[k], i); });
      return o;
    }
    case T.Map: {
      const off = data.valueOffsets;
      const entries = data.children[0];
      const out = [];
      for (let k = off[i]; k < off[i + 1]; k++) out.push([arrowValue(entries.children[0], k), arrowValue(entries.children[1], k)]);
      return out;
    }
    case T.Dictionary: {
      const key = Number(data.values[i]);
      let base = 0;
      for (const d of data.dictionary.data) {
        if (key < base + d.length) return arrowValue(d, key - base);
        base += d.length;
      }
      throw new Error(`dictionary key ${key} out of range`);
    }
    case T.Null: return null;
    default: throw new Error(`unsupported arrow type ${t}`);
  }
}

function arrowTable(table) {
  return {
    batches: table.batches.length,
    columns: table.schema.fields.map((f, c) => {
      const values = [];
      for (const batch of table.batches) {
        const data = batch.data.children[c];
        for (let i = 0; i < data.length; i++) values.push(arrowValue(data, i));
      }
      return { name: f.name, type: arrowTypeName(f.type), arrowType: String(f.type), values };
    }),
  };
}

// ---------- Polars ----------
// Polars' own IPC stream export is lossless, so its frames are reported through apache-arrow.
const polarsTable = (df) => arrowTable(arrow.tableFromIPC(df.writeIPCStream()));

// ---------- DuckDB ----------
let duck;
async function duckdb() {
  if (!duck) duck = await (await DuckDBInstance.create(':memory:')).connect();
  return duck;
}

function duckTypeName(t) {
  const s = t.toString();
  switch (s) {
    case 'BOOLEAN': return 'bool';
    case 'TINYINT': return 'int8';
    case 'SMALLINT': return 'int16';
    case 'INTEGER': return 'int32';
    case 'BIGINT': return 'int64';
    case 'UTINYINT': return 'uint8';
    case 'USMALLINT': return 'uint16';
    case 'UINTEGER': return 'uint32';
    case 'UBIGINT': return 'uint64';
    case 'FLOAT': return 'float32';
    case 'DOUBLE': return 'float64';
    case 'VARCHAR': return 'str';
    case 'BLOB': return 'bin';
    case 'DATE': return 'date';
    case 'TIMESTAMP': return 'timestamp[us]';
    case 'TIMESTAMP_S': return 'timestamp[s]';
    case 'TIMESTAMP_MS': return 'timestamp[ms]';
    case 'TIMESTAMP_NS': return 'timestamp[ns]';
    case 'TIMESTAMP WITH TIME ZONE': return 'timestamp[us,UTC]';
    default: break;
  }
  let m;
  if ((m = /^DECIMAL\((\d+),(\d+)\)$/.exec(s))) return `decimal(${m[1]},${m[2]})`;
  if (t.valueType && t.keyType) return `map<${duckTypeName(t.keyType)},${duckTypeName(t.valueType)}>`;
  if (t.valueType) return `list<${duckTypeName(t.valueType)}>`;
  if (t.entryNames) return `struct<${t.entryNames.map((n, k) => `${n}:${duckTypeName(t.entryTypes[k])}`).join(',')}>`;
  return `unsupported:${s}`;
}

function duckValue(v) {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'boolean': return v;
    case 'bigint': return v.toString();
    case 'string': return v;
    default: break;
  }
  const c = v.constructor.name;
  switch (c) {
    case 'DuckDBDecimalValue': return v.value.toString();
    case 'DuckDBDateValue': return v.days;
    case 'DuckDBTimestampValue': case 'DuckDBTimestampTZValue': case 'DuckDBTimestampMicrosecondsValue': return v.micros.toString();
    case 'DuckDBTimestampMillisecondsValue': return v.millis.toString();
    case 'DuckDBTimestampNanosecondsValue': return v.nanos.toString();
    case 'DuckDBTimestampSecondsValue': return v.seconds.toString();
    case 'DuckDBBlobValue': return hex(v.bytes);
    case 'DuckDBListValue': case 'DuckDBArrayValue': return v.items.map(duckValue);
    case 'DuckDBStructValue': {
      const o = {};
      for (const [k, x] of Object.entries(v.entries)) o[k] = duckValue(x);
      return o;
    }
    case 'DuckDBMapValue': return v.entries.map((e) => [duckValue(e.key), duckValue(e.value)]);
    default: throw new Error(`unsupported DuckDB value ${c}`);
  }
}

// Converts a DuckDB value guided by its type: floats need their bits and integers their digits, also inside
// lists, structs and maps.
function duckConvert(t, v) {
  if (v === null || v === undefined) return null;
  const name = duckTypeName(t);
  if (name.startsWith('float')) return floatBits(v);
  if (name.startsWith('list<')) return v.items.map((x) => duckConvert(t.valueType, x));
  if (name.startsWith('struct<')) {
    const o = {};
    t.entryNames.forEach((n, k) => { o[n] = duckConvert(t.entryTypes[k], v.entries[n]); });
    return o;
  }
  if (name.startsWith('map<')) return v.entries.map((e) => [duckConvert(t.keyType, e.key), duckConvert(t.valueType, e.value)]);
  if (typeof v === 'number') return String(v);
  return duckValue(v);
}

async function duckQuery(sql) {
  const con = await duckdb();
  const r = await con.runAndReadAll(sql);
  const names = r.columnNames();
  const types = r.columnTypes();
  const rows = r.getRows();
  return {
    columns: names.map((name, c) => ({
      name,
      type: duckTypeName(types[c]),
      values: rows.map((row) => duckConvert(types[c], row[c])),
    })),
  };
}

const sqlString = (s) => `'${s.replaceAll("'", "''")}'`;

// ---------- jobs ----------
async function run(job) {
  switch (job.op) {
    case 'readParquet':
      switch (job.engine) {
        case 'duckdb': return duckQuery(`SELECT * FROM read_parquet(${sqlString(job.path)})`);
        case 'polars': return polarsTable(pl.readParquet(job.path));
        case 'arrowrs': return arrowTable(arrow.tableFromIPC(pw.readParquet(readFileSync(job.path)).intoIPCStream()));
        default: throw new Error(`unknown engine ${job.engine}`);
      }
    case 'parquetMetadata': {
      const con = await duckdb();
      const r = await con.runAndReadAll(
        `SELECT row_group_id, path_in_schema, compression, encodings, num_values FROM parquet_metadata(${sqlString(job.path)}) ORDER BY row_group_id, column_id`);
      return { chunks: r.getRowObjectsJson() };
    }
    case 'duckdbQuery':
      // job.sql: any query (e.g. over read_parquet or parquet_metadata); reports its result table
      return duckQuery(job.sql);
    case 'duckdbCopy': {
      // job.select: a SELECT producing the data; job.options: COPY options; reports the values DuckDB wrote
      const con = await duckdb();
      await con.run(`COPY (${job.select}) TO ${sqlString(job.path)} (${job.options})`);
      return duckQuery(job.select);
    }
    case 'polarsWrite': {
      const df = polarsFrame(job.frame);
      if (job.sink) {
        // the lazy sink exposes Polars' own defaults (zstd) and row group sizes
        const r = df.lazy().sinkParquet(job.path, job.options ?? {});
        if (r && typeof r.collectSync === 'function') r.collectSync();
      } else {
        df.writeParquet(job.path, job.options);
      }
      return polarsTable(df);
    }
    case 'parquetWasmWrite': {
      const table = arrowFrame(job.frame);
      let b = new pw.WriterPropertiesBuilder();
      if (job.compression) b = b.setCompression(pw.Compression[job.compression]);
      if (job.dictionary !== undefined) b = b.setDictionaryEnabled(job.dictionary);
      if (job.encoding) b = b.setEncoding(pw.Encoding[job.encoding]);
      if (job.rowGroupSize) b = b.setMaxRowGroupSize(job.rowGroupSize);
      if (job.writerVersion) b = b.setWriterVersion(pw.WriterVersion[job.writerVersion]);
      if (job.columnEncodings) for (const [c, e] of Object.entries(job.columnEncodings)) b = b.setColumnEncoding(c, pw.Encoding[e]);
      const props = job.default ? undefined : b.build();
      const bytes = pw.writeParquet(pw.Table.fromIPCStream(arrow.tableToIPC(table, 'stream')), props);
      writeFileSync(job.path, bytes);
      return arrowTable(table);
    }
    case 'readIpc':
      switch (job.engine) {
        case 'arrowjs': return arrowTable(arrow.tableFromIPC(readFileSync(job.path)));
        // a path string is only taken as a path with an .ipc extension, so pass the bytes
        case 'polars': return polarsTable(job.stream ? pl.readIPCStream(readFileSync(job.path)) : pl.readIPC(readFileSync(job.path)));
        default: throw new Error(`unknown engine ${job.engine}`);
      }
    case 'polarsWriteIpc': {
      const df = polarsFrame(job.frame);
      const bytes = job.stream ? df.writeIPCStream() : df.writeIPC();
      writeFileSync(job.path, bytes);
      const t = arrow.tableFromIPC(bytes);
      return { ...polarsTable(df), fileTypes: t.schema.fields.map((f) => String(f.type)) };
    }
    case 'arrowjsWriteIpc': {
      const table = arrowFrame(job.frame);
      writeFileSync(job.path, arrow.tableToIPC(table, job.stream ? 'stream' : 'file'));
      return arrowTable(table);
    }
    default: throw new Error(`unknown op ${job.op}`);
  }
}

// ---------- frames built on the node side (deterministic sample data) ----------
function sampleRows(n) {
  const rows = [];
  const words = ['', 'a', 'Zürich', '東京', 'emoji 🎉', 'x'.repeat(40), "quote'\"", 'tab\tnl\n'];
  for (let i = 0; i < n; i++) {
    rows.push({
      i: i,
      word: words[i % words.length],
    });
  }
  return rows;
}

function polarsFrame(spec) {
  const n = spec.rows;
  const rows = sampleRows(n);
  const nul = (i, x) => (i % 7 === 3 ? null : x);
  const cols = {
    b: rows.map((r, i) => nul(i, i % 3 === 0)),
    i8: rows.map((r, i) => nul(i, (i * 37) % 256 - 128)),
    i16: rows.map((r, i) => nul(i, (i * 3371) % 65536 - 32768)),
    i32: rows.map((r, i) => nul(i, (i * 1000003) % 2147483647 - 1073741823)),
    i64: rows.map((r, i) => nul(i, String(BigInt(i) * 922337203685477n - 4611686018427387904n))),
    u8: rows.map((r, i) => nul(i, (i * 7) % 256)),
    u16: rows.map((r, i) => nul(i, (i * 997) % 65536)),
    u32: rows.map((r, i) => nul(i, (i * 2654435761) % 4294967296)),
    u64: rows.map((r, i) => nul(i, 18446744073709551615n - BigInt(i) * 1844674407370955n)),
    f32: rows.map((r, i) => nul(i, Math.fround(i * 1.1 - 50.25))),
    f64: rows.map((r, i) => nul(i, i === 1 ? -0 : i === 2 ? Infinity : i * Math.PI - 1e300 / (i + 1))),
    s: rows.map((r, i) => nul(i, r.word)),
    cat: rows.map((r, i) => nul(i, ['red', 'green', 'blue'][i % 3])),
    d: rows.map((r, i) => nul(i, new Date(Date.UTC(1960, 0, 1) + i * 86400000 * 37))),
    ts: rows.map((r, i) => nul(i, String(BigInt(i) * 3600000123457n - 100000000000000n))),
    dec: rows.map((r, i) => nul(i, `${i * 13 - 500}.${String(i % 100).padStart(2, '0')}`)),
  };
  let df = pl.DataFrame({
    b: pl.Series('b', cols.b, pl.Bool),
    i8: pl.Series('i8', cols.i8, pl.Int8),
    i16: pl.Series('i16', cols.i16, pl.Int16),
    i32: pl.Series('i32', cols.i32, pl.Int32),
    i64: pl.Series('i64', cols.i64, pl.Utf8),
    u8: pl.Series('u8', cols.u8, pl.UInt8),
    u16: pl.Series('u16', cols.u16, pl.UInt16),
    u32: pl.Series('u32', cols.u32, pl.UInt32),
    u64: pl.Series('u64', cols.u64, pl.UInt64),
    f32: pl.Series('f32', cols.f32, pl.Float32),
    f64: pl.Series('f64', cols.f64, pl.Float64),
    s: pl.Series('s', cols.s, pl.Utf8),
    cat: pl.Series('cat', cols.cat, pl.Utf8),
    d: pl.Series('d', cols.d, pl.Date),
    ts_us: pl.Series('ts_us', cols.ts, pl.Utf8),
    dec: pl.Series('dec', cols.dec, pl.Utf8),
  });
  df = df.withColumns(pl.col('i64').cast(pl.Int64), pl.col('ts_us').cast(pl.Int64));
  if (spec.categorical) df = df.withColumns(pl.col('cat').cast(pl.Categorical));
  df = df.withColumns(
    pl.col('ts_us').cast(pl.Datetime('us')).alias('ts_us'),
    pl.col('ts_us').cast(pl.Datetime('us')).dt.replaceTimeZone('UTC').alias('ts_utc'),
    pl.col('ts_us').cast(pl.Datetime('us')).cast(pl.Datetime('ms')).alias('ts_ms'),
    pl.col('dec').cast(pl.Decimal(12, 2)).alias('dec'),
  );
  if (spec.nested) {
    df = df.withColumns(
      pl.concatList([pl.col('i64'), pl.col('i32').cast(pl.Int64)]).alias('lst'),
      pl.struct([pl.col('i32'), pl.col('s')]).alias('st'),
    );
  }
  return df;
}

function arrowFrame(spec) {
  const n = spec.rows;
  const rows = sampleRows(n);
  const nul = (i, x) => (i % 7 === 3 ? null : x);
  const vec = (type, values) => arrow.vectorFromArray(values, type);
  const cols = {
    b: vec(new arrow.Bool(), rows.map((r, i) => nul(i, i % 3 === 0))),
    i8: vec(new arrow.Int8(), rows.map((r, i) => nul(i, (i * 37) % 256 - 128))),
    i16: vec(new arrow.Int16(), rows.map((r, i) => nul(i, (i * 3371) % 65536 - 32768))),
    i32: vec(new arrow.Int32(), rows.map((r, i) => nul(i, (i * 1000003) % 2147483647 - 1073741823))),
    i64: vec(new arrow.Int64(), rows.map((r, i) => nul(i, BigInt(i) * 922337203685477n - 4611686018427387904n))),
    u8: vec(new arrow.Uint8(), rows.map((r, i) => nul(i, (i * 7) % 256))),
    u16: vec(new arrow.Uint16(), rows.map((r, i) => nul(i, (i * 997) % 65536))),
    u32: vec(new arrow.Uint32(), rows.map((r, i) => nul(i, (i * 2654435761) % 4294967296))),
    u64: vec(new arrow.Uint64(), rows.map((r, i) => nul(i, 18446744073709551615n - BigInt(i) * 1844674407370955n))),
    f32: vec(new arrow.Float32(), rows.map((r, i) => nul(i, Math.fround(i * 1.1 - 50.25)))),
    f64: vec(new arrow.Float64(), rows.map((r, i) => nul(i, i === 1 ? -0 : i === 2 ? -Infinity : i * Math.E - 1e-300 * i))),
    s: vec(new arrow.Utf8(), rows.map((r, i) => nul(i, r.word))),
    bin: vec(new arrow.Binary(), rows.map((r, i) => nul(i, new Uint8Array(i % 5).map((_, k) => (i * 31 + k) & 255)))),
    d: vec(new arrow.DateDay(), rows.map((r, i) => nul(i, Date.UTC(1960, 0, 1) + i * 86400000 * 37))),
  };
  if (spec.dictionary) {
    cols.cat = vec(new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()), rows.map((r, i) => nul(i, ['red', 'green', 'blue', 'ünïcödé'][i % 4])));
  }
  if (spec.nested) {
    cols.lst = vec(new arrow.List(new arrow.Field('item', new arrow.Int32(), true)),
      rows.map((r, i) => (i % 5 === 4 ? null : Array.from({ length: i % 4 }, (_, k) => (k === 1 && i % 3 === 0 ? null : i * 10 + k)))));
    cols.st = vec(new arrow.Struct([new arrow.Field('x', new arrow.Int32(), true), new arrow.Field('y', new arrow.Utf8(), true)]),
      rows.map((r, i) => (i % 6 === 5 ? null : { x: i % 4 === 0 ? null : i, y: r.word })));
  }
  // timestamps: apache-arrow takes epoch milliseconds; microsecond columns are built from raw int64 data
  const tsData = (unit, tz) => {
    const type = new arrow.Timestamp(unit, tz ?? null);
    const values = new BigInt64Array(n);
    const valid = new Uint8Array(Math.ceil(n / 8));
    let nulls = 0;
    for (let i = 0; i < n; i++) {
      if (i % 7 === 3) { nulls++; continue; }
      values[i] = BigInt(i) * 3600000123457n - 100000000000000n;
      valid[i >> 3] |= 1 << (i & 7);
    }
    return arrow.makeVector(arrow.makeData({ type, length: n, nullCount: nulls, nullBitmap: valid, data: values }));
  };
  cols.ts_us = tsData(arrow.TimeUnit.MICROSECOND);
  cols.ts_utc = tsData(arrow.TimeUnit.MICROSECOND, 'UTC');
  // decimals: 128-bit two's complement words
  const decType = new arrow.Decimal(2, 18, 128);
  const words = new Uint32Array(n * 4);
  const dvalid = new Uint8Array(Math.ceil(n / 8));
  let dn = 0;
  for (let i = 0; i < n; i++) {
    if (i % 7 === 3) { dn++; continue; }
    let v = BigInt.asUintN(128, BigInt(i) * 123456789012345n - 9999999999999999n);
    for (let k = 0; k < 4; k++) { words[4 * i + k] = Number(v & 0xffffffffn); v >>= 32n; }
    dvalid[i >> 3] |= 1 << (i & 7);
  }
  cols.dec = arrow.makeVector(arrow.makeData({ type: decType, length: n, nullCount: dn, nullBitmap: dvalid, data: words }));
  return new arrow.Table(cols);
}

const jobs = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = [];
for (const job of jobs) {
  try {
    results.push({ ok: true, ...(await run(job)) });
  } catch (e) {
    results.push({ ok: false, error: String(e?.stack ?? e) });
  }
}
process.stdout.write(JSON.stringify(results), () => process.exit(0));
