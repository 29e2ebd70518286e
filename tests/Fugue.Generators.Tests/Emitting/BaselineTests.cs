using Fugue.Generators.Tests.Infrastructure;

namespace Fugue.Generators.Tests.Emitting;

/// <summary>Whole-file baselines of the generated code for representative signatures.</summary>
public class BaselineTests
{
    private const string Types = """
        namespace Fugue.Execution
        {
            public abstract class ExecutionEngine { }
        }

        namespace App
        {
            using Fugue.Execution;
            using Fugue.Columnar;
            using Fugue.Frames;
            using Fugue.Partitioning;

            public sealed record Sale(string Region, int Key, double Amount, DateTime Ts);
            public sealed record Ranked(string Region, int Key, double Amount, DateTime Ts, int Rank);
            public sealed record Counts(int Key, long Sales, long Dims);
            public struct Point { public double X { get; set; } public double Y { get; set; } }
            public sealed class Tag { [Column("tag name")] public string? Name { get; init; } public int? Weight { get; set; } }
            public sealed record Nested(int Id, Point P, Point[] Path, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, long> Counts,
                int? Maybe, byte[]? Blob, decimal Price, DateOnly Day, List<Tag>? Extra, Tag? Main, bool Flag, float Ratio, DateTime? When);

            public static class Pipelines
            {
                METHOD
            }
        }
        """;

    public static TheoryData<string, string> Cases => new()
    {
        { "RowsToRows_StarHint_DefaultParam", "[Transformer(\"*,Rank:int\")] public static IEnumerable<Ranked> Rank(IEnumerable<Sale> rows, int start = 1) => new List<Ranked>();" },
        { "ListToSingleRow_SchemaFromType", "[Transformer] public static Sale First(IReadOnlyList<Sale> rows) => rows[0];" },
        { "ArrayToArray_NestedTypes", "[Transformer(\"*\")] public static Nested[] Same(Nested[] rows) => rows;" },
        { "ObjectArraysToDictionaries_Params", "[Transformer(\"a:int,b:str\")] public static List<Dictionary<string, object?>> Dicts(List<object?[]> rows, string name = \"x\", double factor = 1.5) => new();" },
        { "HintOperators_TypedInput", "[Transformer(\"*~Amount+Key:long,extra:str\")] public static IEnumerable<object?[]> Hints(IEnumerable<Sale> rows) => new List<object?[]>();" },
        { "Frame_Cursor_RequiredParam", "[Transformer(\"*,n:long\")] public static LocalDataFrame Frames(LocalDataFrame df, PartitionCursor cursor, long limit) => df;" },
        { "BatchStream", "[Transformer(\"*\")] public static IEnumerable<RecordBatch> Batches(IEnumerable<RecordBatch> batches) => batches;" },
        { "SingleBatch", "[Transformer(\"*\")] public static RecordBatch OneBatch(RecordBatch batch) => batch;" },
        { "Dictionaries_RuntimeHint", "[Transformer(\"*,total:double\")] public static IEnumerable<Dictionary<string, object?>> Untyped(IEnumerable<Dictionary<string, object?>> rows) => rows;" },
        { "CoTransformer_TwoInputs_SingleRow", "[CoTransformer(\"Key:int,Sales:long,Dims:long\")] public static Counts CountBoth(IEnumerable<Sale> sales, IReadOnlyList<Sale> dims) => new Counts(0, 0, 0);" },
        { "CoTransformer_DataFrames_Cursor", "[CoTransformer] public static IEnumerable<Counts> FromFrames(DataFrames dfs, PartitionCursor cursor) => new List<Counts>();" },
        { "OutputTransformer_Void_Cursor", "[OutputTransformer] public static void Print(IEnumerable<Sale> rows, PartitionCursor cursor) { }" },
        { "OutputTransformer_ReturnsRows", "[OutputTransformer] public static IEnumerable<Sale> Echo(IEnumerable<Sale> rows) => rows;" },
        { "OutputCoTransformer_Defaults", "[OutputCoTransformer] public static void PrintBoth(IEnumerable<Sale> a, IEnumerable<Tag> b, int limit = 10, string? label = null) { }" },
        { "ColumnAttribute_InitAndSetters", "[Transformer] public static IEnumerable<Tag> Tags(IEnumerable<Tag> rows) => rows;" },
        { "Transformer_ValidationRules", "[Transformer(\"*\", PartitionByIs = \"Region\", PresortHas = \"Ts desc\", InputHas = \"Key:int\")] public static IEnumerable<Sale> Ordered(IEnumerable<Sale> rows) => rows;" },
        { "Creator_Engine_TypedRows", "[Creator] public static IEnumerable<Sale> Make(ExecutionEngine engine, int n = 2) => new List<Sale>();" },
        { "Creator_ObjectArrays_Schema", "[Creator(\"a:int,b:str\")] public static IEnumerable<object?[]> Arrays(int n) => new List<object?[]>();" },
        { "Processor_TwoInputs_Context_Rules", "[Processor(\"Key:int,Sales:long,Dims:long\", PartitionByHas = \"Key\", PresortIs = \"Amount desc\", InputHas = \"Key\")] public static IEnumerable<Counts> Join(ExtensionContext context, IEnumerable<Sale> sales, DataFrame dims, long limit = 10) => new List<Counts>();" },
        { "Processor_DataFrames_ReturnsFrame", "[Processor] public static DataFrame Pass(DataFrames dfs) => dfs[0];" },
        { "Outputter_Engine_LocalFrame_InputIs", "[Outputter(InputIs = \"Region:str,Key:int\")] public static void Save(ExecutionEngine engine, LocalDataFrame df, string path) { }" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedCode_MatchesBaseline(string caseName, string method)
    {
        var run = GeneratorRunner.Run(Types.Replace("METHOD", method, StringComparison.Ordinal));
        Assert.Empty(run.AllDiagnostics);
        Assert.True(run.OutputProblems.Count == 0, string.Join("\n", run.OutputProblems.Select(d => d.ToString())));
        Baseline.Verify(run, caseName);
    }
}

public class BaselineComparerTests
{
    [Fact]
    public void CompareLines_ReportsTheFirstDifferingLine()
    {
        Assert.False(Baseline.CompareLines("a\nb\nc", "a\nx\nc", out var message));
        Assert.Equal("line 2 differs:\n  expected: b\n  actual:   x", message);
        Assert.False(Baseline.CompareLines("a\nb", "a\nb\nc", out message));
        Assert.Equal("expected 2 lines, got 3", message);
        Assert.True(Baseline.CompareLines("a\nb", "a\nb", out _));
    }
}
