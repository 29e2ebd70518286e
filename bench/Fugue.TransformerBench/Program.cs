using System.Diagnostics;
using System.Globalization;
using System.Text;
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;
using Fugue.TransformerBench;
using Fugue.Transformers;

// Issue #3: a row-by-row typed transformer through its generated adapter vs hand-written loops over the same batches.
// dotnet run -c Release --project bench/Fugue.TransformerBench -- [rows] [repeats]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

var rows = args.Length > 0 ? int.Parse(args[0].Replace("_", ""), CultureInfo.InvariantCulture) : 10_000_000;
var repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
const int BatchRows = 1_000_000;
var input = Schema.Parse("id:long,key:int,a:double,b:str,ts:datetime");
var output = Schema.Parse("id:long,key:int,a:double,b:str,ts:datetime,c:double");

Console.WriteLine($"Generating {rows:N0} rows in batches of {BatchRows:N0} ... (load average at start: {LoadAverage()})");
var batches = new List<RecordBatch>();
for (var start = 0; start < rows; start += BatchRows)
{
    batches.Add(Generate(input, start, Math.Min(BatchRows, rows - start)));
}

var transformer = TransformerHandle.From(BenchTransformers.Compute).Registration.CreateTransformer();
if (transformer.GetOutputSchema(input) != output)
{
    throw new InvalidOperationException("unexpected output schema " + transformer.GetOutputSchema(input).ToString());
}

var cursor = PartitionSpec.Empty.GetCursor(input, 0);
var variants = new (string Name, Func<double> Run)[]
{
    ("generated adapter (IEnumerable<BenchRow> -> IEnumerable<BenchOut>)", () => RunAdapter(transformer, cursor, batches)),
    ("hand-written row loop, no per-row allocation", () => HandWritten(batches, output, materializeStrings: false)),
    ("hand-written row loop, b read as string", () => HandWritten(batches, output, materializeStrings: true)),
    ("hand-written row loop, same BenchRow/BenchOut objects", () => HandWrittenObjects(batches, output)),
};

// Same result check: the sum of c over all rows.
var sums = variants.Select(v => v.Run()).ToArray();
if (sums.Any(s => s != sums[0]))
{
    throw new InvalidOperationException("variants disagree: " + string.Join(", ", sums));
}

var best = new double[variants.Length];
var bestCpu = new double[variants.Length];
var bytes = new long[variants.Length];
Array.Fill(best, double.MaxValue);
Array.Fill(bestCpu, double.MaxValue);
Array.Fill(bytes, long.MaxValue);
for (var r = 0; r < repeats; r++)
{
    for (var v = 0; v < variants.Length; v++)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // CPU time as well as wall time: on a shared machine the wall clock also counts time spent waiting for a core.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        variants[v].Run();
        sw.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        bestCpu[v] = Math.Min(bestCpu[v], cpu);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        best[v] = Math.Min(best[v], sw.Elapsed.TotalMilliseconds);
        bytes[v] = Math.Min(bytes[v], allocated);
    }
}

// The user's own objects per row: one BenchRow, one BenchOut and the string of b (measured, not assumed).
var rowObject = MeasureAllocation(() => new BenchRow(1, 2, 3, "x", default));
var outObject = MeasureAllocation(() => new BenchOut(1, 2, 3, "x", default, 4));
long stringBytes = 0;
foreach (var batch in batches)
{
    var b = (StringColumn)batch.Column("b");
    for (var i = 0; i < b.Length; i++)
    {
        stringBytes += StringSize(Encoding.UTF8.GetCharCount(b.GetBytes(i)));
    }
}

var userPerRow = rowObject + outObject + ((double)stringBytes / rows);
Console.WriteLine();
Console.WriteLine($"rows {rows:N0}, best of {repeats}, load average now: {LoadAverage()}");
Console.WriteLine($"| variant | best wall | ns/row | best CPU | CPU ns/row | CPU vs allocation-free | CPU vs same objects | allocated B/row |");
Console.WriteLine($"|---|---|---|---|---|---|---|---|");
for (var v = 0; v < variants.Length; v++)
{
    Console.WriteLine($"| {variants[v].Name} | {best[v]:F0} ms | {best[v] * 1e6 / rows:F1} | {bestCpu[v]:F0} ms | {bestCpu[v] * 1e6 / rows:F1} | {bestCpu[v] / bestCpu[1]:F2}x | {bestCpu[v] / bestCpu[3]:F2}x | {(double)bytes[v] / rows:F1} |");
}

var extra = ((double)bytes[0] - bytes[1]) / rows;
Console.WriteLine();
Console.WriteLine($"user's row objects per row: BenchRow {rowObject} B + BenchOut {outObject} B + string b {(double)stringBytes / rows:F1} B = {userPerRow:F1} B");
Console.WriteLine($"adapter allocation beyond the hand-written loop: {extra:F1} B/row; minus the user's objects: {extra - userPerRow:F2} B/row");
Console.WriteLine($"wall: adapter vs hand-written (no per-row allocation): {best[0] / best[1]:F2}x; vs reading strings: {best[0] / best[2]:F2}x; vs the same row objects: {best[0] / best[3]:F2}x (goal <= 1.3x)");
Console.WriteLine($"CPU:  adapter vs hand-written (no per-row allocation): {bestCpu[0] / bestCpu[1]:F2}x; vs reading strings: {bestCpu[0] / bestCpu[2]:F2}x; vs the same row objects: {bestCpu[0] / bestCpu[3]:F2}x (goal <= 1.3x)");
return 0;

static RecordBatch Generate(Schema schema, int start, int length)
{
    var id = new PrimitiveColumnBuilder<long>(DataType.Int64, length);
    var key = new PrimitiveColumnBuilder<int>(DataType.Int32, length);
    var a = new PrimitiveColumnBuilder<double>(DataType.Float64, length);
    var b = new StringColumnBuilder(length, length * 10);
    var ts = new PrimitiveColumnBuilder<long>(DataType.DateTime, length);
    var origin = (new DateTime(2024, 1, 1).Ticks - DateTime.UnixEpoch.Ticks) / 10; // microseconds since the Unix epoch
    Span<char> text = stackalloc char[16];
    for (var i = 0; i < length; i++)
    {
        var n = (long)start + i;
        id.Append(n);
        key.Append((int)(n % 1000));
        a.Append(n * 0.5);
        "name".CopyTo(text);
        ((int)(n % 100_000)).TryFormat(text[4..], out var written, provider: CultureInfo.InvariantCulture);
        b.Append((ReadOnlySpan<char>)text[..(4 + written)]);
        ts.Append(origin + (n * 1_000_000));
    }

    return new RecordBatch(schema, [id.Build(), key.Build(), a.Build(), b.Build(), ts.Build()]);
}

static double RunAdapter(ITransformer transformer, PartitionCursor cursor, List<RecordBatch> batches)
{
    var result = transformer.Transform(cursor, new ColumnarDataFrame(batches[0].Schema, batches));
    var sum = 0.0;
    foreach (var batch in result.AsBatches())
    {
        sum += Sum(batch);
    }

    return sum;
}

// The same work written by hand: read each column directly, compute c, append every output column to builders and
// cut 8192-row batches (the adapter's output batch size).
static double HandWritten(List<RecordBatch> batches, Schema output, bool materializeStrings)
{
    const int Size = TransformerAdapterBase.OutputBatchSize;
    var id = new PrimitiveColumnBuilder<long>(DataType.Int64, Size);
    var key = new PrimitiveColumnBuilder<int>(DataType.Int32, Size);
    var a = new PrimitiveColumnBuilder<double>(DataType.Float64, Size);
    var b = new StringColumnBuilder(Size);
    var ts = new PrimitiveColumnBuilder<long>(DataType.DateTime, Size);
    var c = new PrimitiveColumnBuilder<double>(DataType.Float64, Size);
    var sum = 0.0;
    var count = 0;
    foreach (var batch in batches)
    {
        var ids = ((PrimitiveColumn<long>)batch.Column(0)).Values;
        var keys = ((PrimitiveColumn<int>)batch.Column(1)).Values;
        var avals = ((PrimitiveColumn<double>)batch.Column(2)).Values;
        var bcol = (StringColumn)batch.Column(3);
        var tss = ((PrimitiveColumn<long>)batch.Column(4)).Values;
        for (var i = 0; i < batch.Length; i++)
        {
            int length;
            if (materializeStrings)
            {
                var s = bcol.GetString(i);
                length = s.Length;
                b.Append(s);
            }
            else
            {
                var utf8 = bcol.GetBytes(i);
                length = Encoding.UTF8.GetCharCount(utf8);
                b.Append(utf8);
            }

            id.Append(ids[i]);
            key.Append(keys[i]);
            a.Append(avals[i]);
            ts.Append(tss[i]);
            c.Append((avals[i] * 2) + length);
            if (++count == Size)
            {
                sum += Sum(Flush());
                count = 0;
            }
        }
    }

    if (count > 0)
    {
        sum += Sum(Flush());
    }

    return sum;

    RecordBatch Flush() => new(output, [id.Build(), key.Build(), a.Build(), b.Build(), ts.Build(), c.Build()]);
}

// The hand-written loop with the user's objects: a BenchRow per input row, the same method body, a BenchOut per output
// row; it isolates what the adapter adds beyond the row model itself (iterators, accessors, writers).
static double HandWrittenObjects(List<RecordBatch> batches, Schema output)
{
    const int Size = TransformerAdapterBase.OutputBatchSize;
    var id = new PrimitiveColumnBuilder<long>(DataType.Int64, Size);
    var key = new PrimitiveColumnBuilder<int>(DataType.Int32, Size);
    var a = new PrimitiveColumnBuilder<double>(DataType.Float64, Size);
    var b = new StringColumnBuilder(Size);
    var ts = new PrimitiveColumnBuilder<long>(DataType.DateTime, Size);
    var c = new PrimitiveColumnBuilder<double>(DataType.Float64, Size);
    var sum = 0.0;
    var count = 0;
    foreach (var batch in batches)
    {
        var ids = ((PrimitiveColumn<long>)batch.Column(0)).Values;
        var keys = ((PrimitiveColumn<int>)batch.Column(1)).Values;
        var avals = ((PrimitiveColumn<double>)batch.Column(2)).Values;
        var bcol = (StringColumn)batch.Column(3);
        var tss = ((PrimitiveColumn<long>)batch.Column(4)).Values;
        for (var i = 0; i < batch.Length; i++)
        {
            var r = new BenchRow(ids[i], keys[i], avals[i], bcol.GetString(i), new DateTime(DateTime.UnixEpoch.Ticks + (tss[i] * 10)));
            var o = new BenchOut(r.Id, r.Key, r.A, r.B, r.Ts, (r.A * 2) + r.B.Length);
            id.Append(o.Id);
            key.Append(o.Key);
            a.Append(o.A);
            b.Append(o.B);
            ts.Append((o.Ts.Ticks - DateTime.UnixEpoch.Ticks) / 10);
            c.Append(o.C);
            if (++count == Size)
            {
                sum += Sum(Flush());
                count = 0;
            }
        }
    }

    if (count > 0)
    {
        sum += Sum(Flush());
    }

    return sum;

    RecordBatch Flush() => new(output, [id.Build(), key.Build(), a.Build(), b.Build(), ts.Build(), c.Build()]);
}

static double Sum(RecordBatch batch)
{
    var sum = 0.0;
    foreach (var v in ((PrimitiveColumn<double>)batch.Column(5)).Values)
    {
        sum += v;
    }

    return sum;
}

static long MeasureAllocation(Func<object> create)
{
    const int N = 1000;
    var keep = new object[N];
    create();
    var before = GC.GetAllocatedBytesForCurrentThread();
    for (var i = 0; i < N; i++)
    {
        keep[i] = create();
    }

    var total = GC.GetAllocatedBytesForCurrentThread() - before;
    GC.KeepAlive(keep);
    return total / N;
}

// A string object: 8 header + 8 method table + 4 length + 2 per char + 2 terminator, rounded up to 8 (minimum 24).
static long StringSize(int chars) => Math.Max(24, (22 + (2L * chars) + 7) & ~7L);

static string LoadAverage()
{
    try
    {
        return File.ReadAllText("/proc/loadavg").Split(' ')[0];
    }
    catch (IOException)
    {
        return "?";
    }
}
