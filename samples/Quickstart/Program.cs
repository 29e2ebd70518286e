// Quickstart: schemas, dataframes, partition specs and columnar batches.
// (The engine and typed transformers join this sample as their issues land.)
using Fugue.Columnar;
using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;

var schema = Schema.Parse("region:str,key:int,amount:double,ts:datetime");
Console.WriteLine($"schema: {schema}");
Console.WriteLine($"with a rank column: {schema.Transform("*,rank:int")}");
Console.WriteLine($"without ts: {schema.Transform("*-ts")}");
Console.WriteLine();

// Rows are converted to the schema's types: the timestamps below are strings.
var sales = new ArrayDataFrame(
    [
        ["east", 1, 10.5, "2024-01-03 10:00:00"],
        ["west", 2, 7.25, "2024-01-01 09:30:00"],
        ["east", 1, 3.0, "2024-01-02 08:15:00"],
        ["north", 3, null, "2024-01-04 12:00:00"],
        ["west", 2, 12.0, "2024-01-05 17:45:00"],
    ],
    schema);
sales.Show(title: "sales");

sales.SelectColumns("key", "region").Show(title: "SelectColumns(key, region)");
sales.Rename(new Dictionary<string, string> { ["amount"] = "value" }).DropColumns("ts").Show(title: "Rename + DropColumns");
sales.AlterColumns("key:str,ts:date").Show(title: "AlterColumns(key:str, ts:date)");

// The same data as Arrow-layout columnar batches.
var columnar = sales.ToColumnar();
long bytes = 0;
foreach (var batch in columnar.AsBatches())
{
    bytes += batch.ByteSize;
}

Console.WriteLine($"columnar: {columnar.Count()} rows in Arrow buffers of {bytes} bytes");
Console.WriteLine();

// How an engine will split this frame: by key, newest first inside each partition.
var spec = PartitionSpec.By("key").WithPresort("ts desc");
Console.WriteLine($"partition spec: {spec.ToJson()}");
Console.WriteLine($"sort columns: {string.Join(", ", spec.GetSorts(schema).Select(s => $"{s.Name} {(s.Ascending ? "asc" : "desc")}"))}");
Console.WriteLine($"key schema: {spec.GetKeySchema(schema)}");
Console.WriteLine($"'ROWCOUNT/2' on 5 rows -> {PartitionSpec.Num("ROWCOUNT/2").GetNumPartitions(() => 5, () => Environment.ProcessorCount)} partitions");
