// Writes small Arrow IPC fixtures with apache-arrow (JS) and nodejs-polars, read by ArrowInteropFixtureTests.
// Regenerate (outside the repo; never commit node_modules):
//   mkdir -p /tmp/ipc-interop && cd /tmp/ipc-interop && npm init -y
//   npm install apache-arrow nodejs-polars nodejs-polars-linux-x64-gnu
//   NODE_PATH=/tmp/ipc-interop/node_modules node --experimental-default-type=module \
//     <repo>/tests/Fugue.Runtime.Tests/IO/Ipc/Data/make-fixtures.mjs <repo>/tests/Fugue.Runtime.Tests/IO/Ipc/Data
// (or copy this script into /tmp/ipc-interop and run `node make-fixtures.mjs <Data dir>` there).
// Versions used: apache-arrow 21.2.0, nodejs-polars 0.26.1.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(join(process.cwd(), 'noop.js'));
const arrow = require('apache-arrow');
const pl = require('nodejs-polars');
const out = process.argv[2] ?? '.';

// ---- apache-arrow: dictionary-encoded strings, LargeUtf8, nested list/struct, plain types ----
const {
  Table, vectorFromArray, tableToIPC, Dictionary, Utf8, LargeUtf8, Int8, Int32, Int64, Float64, Bool,
  List, Struct, Field, DateDay, TimestampMillisecond,
} = arrow;
const js = new Table({
  cat: vectorFromArray(['red', 'green', 'red', null, 'blue'], new Dictionary(new Utf8(), new Int8())),
  n: vectorFromArray([1, 2, null, 4, 5], new Int32()),
  big: vectorFromArray([1n, -2n, 3n, null, 9007199254740993n], new Int64()),
  x: vectorFromArray([0.5, null, -1.25, 3, 1e300], new Float64()),
  s: vectorFromArray(['a', 'bb', null, '', 'ünï'], new Utf8()),
  ls: vectorFromArray(['large', null, 'x', 'y', 'z'], new LargeUtf8()),
  b: vectorFromArray([true, false, null, true, false], new Bool()),
  l: vectorFromArray([[1, 2], [], null, [3], [4, null]], new List(new Field('item', new Int32(), true))),
  st: vectorFromArray(
    [{ p: 1, q: 'a' }, { p: null, q: 'b' }, null, { p: 4, q: null }, { p: 5, q: 'e' }],
    new Struct([new Field('p', new Int32(), true), new Field('q', new Utf8(), true)])),
  d: vectorFromArray([new Date(Date.UTC(2020, 0, 2)), null, new Date(Date.UTC(1969, 11, 31)), new Date(0), new Date(Date.UTC(2024, 1, 29))], new DateDay()),
  ts: vectorFromArray([new Date(Date.UTC(2021, 5, 7, 8, 9, 10, 123)), null, new Date(0), new Date(-1000), new Date(Date.UTC(2000, 0, 1))], new TimestampMillisecond()),
});
writeFileSync(join(out, 'arrowjs.arrows'), tableToIPC(js, 'stream'));
writeFileSync(join(out, 'arrowjs.arrow'), tableToIPC(js, 'file'));

// Date(MILLISECOND), LargeBinary, a zoned timestamp and a map.
const { DateMillisecond, LargeBinary, TimestampMicrosecond, Map_, Int16 } = arrow;
const more = new Table({
  dms: vectorFromArray([new Date(Date.UTC(2020, 0, 2)), null, new Date(Date.UTC(1969, 11, 31))], new DateMillisecond()),
  lb: vectorFromArray([new Uint8Array([1, 2, 3]), null, new Uint8Array([])], new LargeBinary()),
  tz: vectorFromArray([new Date(Date.UTC(2021, 0, 1, 12)), null, new Date(0)], new TimestampMicrosecond('UTC')),
  m: vectorFromArray([new Map([['a', 1], ['b', null]]), null, new Map()],
    new Map_(new Field('entries', new Struct([new Field('key', new Utf8(), false), new Field('value', new Int32(), true)]), false))),
});
writeFileSync(join(out, 'arrowjs-more.arrows'), tableToIPC(more, 'stream'));

// Two batches whose dictionaries differ (the writer sends a second dictionary message).
const d1 = new Table({ c: vectorFromArray(['x', 'y', 'x'], new Dictionary(new Utf8(), new Int16())) });
const d2 = new Table({ c: vectorFromArray(['z', null, 'x', 'w'], new Dictionary(new Utf8(), new Int16())) });
writeFileSync(join(out, 'arrowjs-dict2.arrows'), tableToIPC(d1.concat(d2), 'stream'));

// ---- polars: its defaults (Utf8View strings, LargeList, dictionary<uint32, Utf8View> categoricals) ----
const df = pl.DataFrame({
  i: pl.Series('i', [1, null, 3], pl.Int64),
  f: pl.Series('f', [1.5, 2.5, null], pl.Float64),
  s: pl.Series('s', ['a', null, 'a much longer string than twelve bytes'], pl.Utf8),
  b: pl.Series('b', [true, false, null], pl.Bool),
  d: pl.Series('d', [new Date(Date.UTC(2020, 0, 2)), null, new Date(Date.UTC(1969, 11, 31))], pl.Date),
  dt: pl.Series('dt', [new Date(Date.UTC(2021, 5, 7, 8, 9, 10, 123)), null, new Date(0)], pl.Datetime('ms')),
  l: pl.Series('l', [[1, 2], [3], null], pl.List(pl.Int32)),
  cat: pl.Series('cat', ['u', 'v', 'u'], pl.Categorical),
});
writeFileSync(join(out, 'polars.arrow'), df.writeIPC());
writeFileSync(join(out, 'polars.arrows'), df.writeIPCStream());
writeFileSync(join(out, 'polars-lz4.arrow'), df.writeIPC(undefined, { compression: 'lz4' }));
writeFileSync(join(out, 'polars-zstd.arrow'), df.writeIPC(undefined, { compression: 'zstd' }));
console.log('fixtures written to', out);
