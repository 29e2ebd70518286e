using Fugue.Generators.Diagnostics;

namespace Fugue.Generators.Tests.Diagnostics;

/// <summary>Diagnostics of Creators, Processors, Outputters and validation rules (FUG017-FUG020, and FUG005/FUG006 for the new kinds).</summary>
public class ExtensionDiagnosticTests
{
    /// <summary>Stands in for Fugue.Engines' engine (matched by metadata name; the test compilation does not reference Fugue.Engines).</summary>
    private const string Engine = """
        namespace Fugue.Execution
        {
            public abstract class ExecutionEngine { }
        }

        """;

    /// <summary>An engine-like API with a [TransformerHandle] and a PartitionSpec parameter, for the call-site analyzer.</summary>
    private const string Api = """
        namespace App
        {
            using Fugue.Partitioning;

            public static class Run
            {
                public static object Transform(object df, [TransformerHandle] Delegate transformer, PartitionSpec? partition = null) => df;
            }
        }

        """;

    [Fact]
    public void FUG017_DuplicatePartitionKey_PointsAtTheDuplicate()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("*", PartitionByHas = "Key,[|K|]ey")]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> rows) => rows;
                }
            }
            """,
            "FUG017",
            "Invalid PartitionByHas rule \"Key,Key\": key 'Key' is listed twice");
    }

    [Fact]
    public void FUG017_PresortDirection()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                using Fugue.Frames;

                public static class P
                {
                    [Processor(PresortIs = "Key, [|T|]s dsc")]
                    public static LocalDataFrame M(LocalDataFrame df) => df;
                }
            }
            """,
            "FUG017",
            "Invalid PresortIs rule \"Key, Ts dsc\": 'Ts dsc' is not 'name', 'name asc' or 'name desc' (quote names with spaces in backticks)");
    }

    [Fact]
    public void FUG017_InputIsSchema_PointsAtThePosition()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Outputter(InputIs = "a:int,b:[|d|]ummy")]
                    public static void M(IEnumerable<Sale> rows) { }
                }
            }
            """,
            "FUG017",
            "Invalid InputIs rule \"a:int,b:dummy\": unknown type 'dummy'");
    }

    [Fact]
    public void FUG017_InputHasTypedColumn_PointsIntoTheItem()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [OutputTransformer(InputHas = "Region, Key:[|n|]umber")]
                    public static void M(IEnumerable<Sale> rows) { }
                }
            }
            """,
            "FUG017",
            "Invalid InputHas rule \"Region, Key:number\": unknown type 'number'");
    }

    [Fact]
    public void FUG017_EmptyItem()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("*", PartitionByIs = "Key,[|,|] Region")]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> rows) => rows;
                }
            }
            """,
            "FUG017",
            "Invalid PartitionByIs rule \"Key,, Region\": empty item");
    }

    [Fact]
    public void FUG018_SchemaForAFrameOutput()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                using Fugue.Frames;

                public static class P
                {
                    [Processor([|"a:int"|])]
                    public static DataFrame M(DataFrame df) => df;
                }
            }
            """,
            "FUG018",
            "Method 'P.M' returns 'DataFrame', which carries its own schema: remove the schema from [Processor] (a schema is for rows and batches)");
    }

    [Fact]
    public void FUG019_ConstantSpecWithoutTheRequiredKey()
    {
        DiagnosticAssert.Single(Api + """
            namespace App
            {
                using Fugue.Partitioning;

                public static class P
                {
                    [Transformer("*", PartitionByHas = "Key")]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> rows) => rows;

                    public static void Use(object df)
                    {
                        Run.Transform(df, M, PartitionSpec.By("Key", "Region"));
                        Run.Transform(df, M, [|PartitionSpec.By("Region")|]);
                    }
                }
            }
            """,
            "FUG019",
            "'App.P.M' requires PartitionByHas = \"Key\", but 'Key' is not a partition key; the call has partition keys Region");
    }

    [Fact]
    public void FUG019_OmittedSpec_PointsAtTheMethod()
    {
        DiagnosticAssert.Single(Api + """
            namespace App
            {
                public static class P
                {
                    [Transformer("*", PartitionByIs = "Key")]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> rows) => rows;

                    public static void Use(object df) => Run.Transform(df, [|M|]);
                }
            }
            """,
            "FUG019",
            "'App.P.M' requires PartitionByIs = \"Key\", but 'Key' is not a partition key; the call has no partition keys");
    }

    [Fact]
    public void FUG019_PresortDirection_ThroughAWithChain()
    {
        DiagnosticAssert.Single(Api + """
            namespace App
            {
                using Fugue.Partitioning;

                public static class P
                {
                    [Transformer("*", PresortHas = "Ts desc")]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> rows) => rows;

                    public static void Use(object df)
                    {
                        Run.Transform(df, M, new PartitionSpec(by: new[] { "Key" }, presort: "Ts desc, Amount"));
                        Run.Transform(df, M, [|PartitionSpec.By("Key").WithPresort("Ts")|]);
                    }
                }
            }
            """,
            "FUG019",
            "'App.P.M' requires PresortHas = \"Ts desc\", but 'Ts' is presorted ascending where the rule needs descending");
    }

    [Fact]
    public void FUG019_PresortIs_ExactOrder()
    {
        DiagnosticAssert.Single(Api + """
            namespace App
            {
                using Fugue.Partitioning;

                public static class P
                {
                    [Transformer("*", PresortIs = "Ts desc, Amount")]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> rows) => rows;

                    public static void Use(object df) => Run.Transform(df, M, [|new PartitionSpec(presort: "Amount, Ts desc")|]);
                }
            }
            """,
            "FUG019",
            "'App.P.M' requires PresortIs = \"Ts desc, Amount\", but the call has presort Amount ASC,Ts DESC");
    }

    [Fact]
    public void FUG019_NotReportedForSpecsKnownOnlyAtRunTime()
    {
        DiagnosticAssert.None(Api + """
            namespace App
            {
                using Fugue.Partitioning;

                public static class P
                {
                    [Transformer("*", PartitionByHas = "Key")]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> rows) => rows;

                    public static void Use(object df, string key, PartitionSpec spec)
                    {
                        Run.Transform(df, M, PartitionSpec.By(key));
                        Run.Transform(df, M, spec);
                        Run.Transform(df, M, "Key");
                        Run.Transform(df, M, PartitionSpec.By("Key").WithNum(4));
                    }
                }
            }
            """);
    }

    [Fact]
    public void FUG020_StarInAProcessorSchema()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Processor([|"*,extra:int"|])]
                    public static IEnumerable<object?[]> M(IEnumerable<Sale> rows) => new List<object?[]>();
                }
            }
            """,
            "FUG020",
            "The Processor schema \"*,extra:int\" can't use '*' or the -, ~, + operators: list every output column");
    }

    [Fact]
    public void FUG005_CreatorTakesNoFrame()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Creator]
                    public static IEnumerable<Sale> M(int n, [|IEnumerable<Sale>|] rows) => rows;
                }
            }
            """,
            "FUG005",
            "Parameter 'rows' of type 'IEnumerable<Sale>' is not supported by a Creator: a Creator takes no input frame; its parameters are the engine or ExtensionContext (first, optional) and params");
    }

    [Fact]
    public void FUG005_EngineMustComeFirst()
    {
        DiagnosticAssert.Single(Engine + """
            namespace App
            {
                using Fugue.Execution;

                public static class P
                {
                    [Processor]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> rows, [|ExecutionEngine|] engine) => rows;
                }
            }
            """,
            "FUG005",
            "Parameter 'engine' of type 'ExecutionEngine' is not supported by a Processor: the engine (or the ExtensionContext) must be the first parameter");
    }

    [Fact]
    public void FUG005_EngineInATransformer()
    {
        DiagnosticAssert.Single(Engine + """
            namespace App
            {
                using Fugue.Execution;

                public static class P
                {
                    [Transformer("*")]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> rows, [|ExecutionEngine|] engine) => rows;
                }
            }
            """,
            "FUG005",
            "Parameter 'engine' of type 'ExecutionEngine' is not supported by a Transformer: the engine is given to Creators, Processors and Outputters only; a transformer reads the conf from TransformerContext.Current");
    }

    [Fact]
    public void FUG005_ProcessorWithoutInput()
    {
        DiagnosticAssert.Single(Engine + """
            namespace App
            {
                using Fugue.Execution;

                public static class P
                {
                    [Outputter]
                    public static void [|M|](ExecutionEngine engine) { }
                }
            }
            """,
            "FUG005",
            "Parameter '(none)' of type '(none)' is not supported by an Outputter: the inputs come first (after the engine, if any); accepted: " + DiagnosticDescriptors.AcceptedInputs + "; DataFrame (one per frame), or a single DataFrames");
    }

    [Fact]
    public void FUG005_CursorInAProcessor()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                using Fugue.Partitioning;

                public static class P
                {
                    [Processor]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> rows, [|PartitionCursor|] cursor) => rows;
                }
            }
            """,
            "FUG005",
            "Parameter 'cursor' of type 'PartitionCursor' is not supported by a Processor: a PartitionCursor is given to transformers only (a Processor sees whole frames)");
    }

    [Fact]
    public void FUG006_OutputterReturnsSomething()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Outputter]
                    public static [|IEnumerable<Sale>|] M(IEnumerable<Sale> rows) => rows;
                }
            }
            """,
            "FUG006",
            "Return type 'IEnumerable<Sale>' is not supported by an Outputter; accepted: void");
    }

    [Fact]
    public void FUG006_ProcessorReturnsASingleRow()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Processor]
                    public static [|Sale|] M(IEnumerable<Sale> rows) => new Sale("a", 1, 2, default);
                }
            }
            """,
            "FUG006",
            "Return type 'Sale' is not supported by a Processor; accepted: " + DiagnosticDescriptors.AcceptedWholeOutputs);
    }

    [Fact]
    public void FUG012_CreatorOfUntypedRowsNeedsASchema()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Creator]
                    public static [|IEnumerable<object?[]>|] M(int n) => new List<object?[]>();
                }
            }
            """,
            "FUG012",
            "Method 'P.M' returns 'IEnumerable<object?[]>', which does not describe its columns: give the output schema in the attribute, e.g. [Creator(\"a:int,b:str\")]");
    }

    [Fact]
    public void ValidKinds_ProduceNoDiagnostics()
    {
        var run = DiagnosticAssert.None(Engine + """
            namespace App
            {
                using Fugue.Columnar;
                using Fugue.Execution;
                using Fugue.Frames;

                public static class P
                {
                    [Creator]
                    public static IEnumerable<Sale> Make(ExecutionEngine engine, int n = 2) => new List<Sale>();

                    [Creator("a:int")]
                    public static RecordBatch Batch() => throw new InvalidOperationException();

                    [Processor("Key:int,Sales:long,Dims:long", PartitionByHas = "Key", PresortIs = "`Ts` desc", InputHas = "Key:int")]
                    public static IEnumerable<Counts> Join(ExtensionContext context, IEnumerable<Sale> sales, DataFrame dims, long limit = 10) => new List<Counts>();

                    [Processor]
                    public static LocalDataFrame First(DataFrames dfs) => dfs[0].AsLocal();

                    [Outputter(InputIs = "Region:str,Key:int,Amount:double,Ts:datetime")]
                    public static void Save(LocalDataFrame df, string path) { }
                }
            }
            """);
        Assert.Empty(run.OutputProblems);
        Assert.Contains("Adapter_App_P_Join.g.cs", run.Sources.Keys);
    }
}
