using Fugue.Generators.Tests.Infrastructure;
using Fugue.Generators.Diagnostics;

namespace Fugue.Generators.Tests.Diagnostics;

public class DiagnosticTests
{
    private const string Accepted = DiagnosticDescriptors.AcceptedInputs;
    private const string AcceptedOut = DiagnosticDescriptors.AcceptedOutputs;

    [Fact]
    public void FUG001_UnknownType_PointsAtTheOffendingPosition()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("a:int,b:[|d|]ummy")]
                    public static IEnumerable<object?[]> M(IEnumerable<Sale> rows) => rows.Select(r => new object?[] { 1, 2 });
                }
            }
            """.Replace("rows.Select(r => new object?[] { 1, 2 })", "new List<object?[]>()"),
            "FUG001",
            "Invalid schema expression \"a:int,b:dummy\" at position 8: unknown type 'dummy'");
    }

    [Fact]
    public void FUG001_MissingType_PointsAtTheEnd()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("a:int,b:[||]")]
                    public static IEnumerable<object?[]> M(IEnumerable<Sale> rows) => new List<object?[]>();
                }
            }
            """,
            "FUG001",
            "Invalid schema expression \"a:int,b:\" at position 8: expected a type");
    }

    [Fact]
    public void FUG001_RemovingAColumnTheInputLacks()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("*-[|Z|]")]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> rows) => rows;
                }
            }
            """,
            "FUG001",
            "Invalid schema expression \"*-Z\" at position 2: with '*' = Sale (Region:str,Key:int,Amount:double,Ts:datetime): column 'Z' can't be removed: it is not in the schema");
    }

    [Fact]
    public void FUG002_MissingColumn()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer([|"*,Rank:int,Extra:str"|])]
                    public static IEnumerable<Ranked> M(IEnumerable<Sale> rows) => new List<Ranked>();
                }
            }
            """,
            "FUG002",
            "Output type 'Ranked' does not match the schema \"*,Rank:int,Extra:str\": column 'Extra' (str) is missing from the type");
    }

    [Fact]
    public void FUG003_ExtraColumn()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer([|"*"|])]
                    public static IEnumerable<Ranked> M(IEnumerable<Sale> rows) => new List<Ranked>();
                }
            }
            """,
            "FUG003",
            "Output type 'Ranked' does not match the schema \"*\": the type has column 'Rank' (int), which the schema does not declare");
    }

    [Fact]
    public void FUG004_WrongColumnType()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer([|"*,Rank:long"|])]
                    public static IEnumerable<Ranked> M(IEnumerable<Sale> rows) => new List<Ranked>();
                }
            }
            """,
            "FUG004",
            "Output type 'Ranked' does not match the schema \"*,Rank:long\": column 'Rank' is long in the schema but int in the type");
    }

    [Fact]
    public void FUG004_WrongColumnType_PlainSchema()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [CoTransformer([|"Key:int,Sales:long,Dims:str"|])]
                    public static Counts M(IEnumerable<Sale> sales, IEnumerable<Sale> dims) => new Counts(1, 2, 3);
                }
            }
            """,
            "FUG004",
            "Output type 'Counts' does not match the schema \"Key:int,Sales:long,Dims:str\": column 'Dims' is str in the schema but long in the type");
    }

    [Fact]
    public void FUG005_FirstParameterIsNotAnInput()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("a:int")]
                    public static IEnumerable<object?[]> M([|int|] x) => new List<object?[]>();
                }
            }
            """,
            "FUG005",
            "Parameter 'x' of type 'int' is not supported by a Transformer: the first parameter must be the input; accepted: " + Accepted);
    }

    [Fact]
    public void FUG005_SecondInputOfATransformer()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("*")]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> a, [|IEnumerable<Sale>|] b) => a;
                }
            }
            """,
            "FUG005",
            "Parameter 'b' of type 'IEnumerable<Sale>' is not supported by a Transformer: a Transformer takes exactly one input, as its first parameter");
    }

    [Fact]
    public void FUG005_RefParameter()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("*")]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> a, ref [|int|] n) => a;
                }
            }
            """,
            "FUG005",
            "Parameter 'n' of type 'int' is not supported by a Transformer: ref, out, in and params parameters can't be bound");
    }

    [Fact]
    public void FUG005_UnsupportedRowElement()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("a:int")]
                    public static IEnumerable<object?[]> M([|IEnumerable<int>|] values) => new List<object?[]>();
                }
            }
            """,
            "FUG005",
            "Parameter 'values' of type 'IEnumerable<int>' is not supported by a Transformer: the first parameter must be the input; accepted: " + Accepted);
    }

    [Fact]
    public void FUG005_DataFramesInATransformer()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("a:int")]
                    public static IEnumerable<object?[]> M([|Fugue.Frames.DataFrames|] dfs) => new List<object?[]>();
                }
            }
            """,
            "FUG005",
            "Parameter 'dfs' of type 'DataFrames' is not supported by a Transformer: DataFrames is an input of CoTransformers only; accepted: " + Accepted);
    }

    [Fact]
    public void FUG005_CoTransformerInputAfterAParam()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [OutputCoTransformer]
                    public static void M(IEnumerable<Sale> a, int n, [|IEnumerable<Sale>|] b) { }
                }
            }
            """,
            "FUG005",
            "Parameter 'b' of type 'IEnumerable<Sale>' is not supported by an OutputCoTransformer: the inputs come first, one per zipped frame or a single DataFrames");
    }

    [Fact]
    public void FUG006_UnsupportedReturn()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("a:int")]
                    public static [|int|] M(IEnumerable<Sale> rows) => 1;
                }
            }
            """,
            "FUG006",
            "Return type 'int' is not supported by a Transformer; accepted: " + AcceptedOut);
    }

    [Fact]
    public void FUG006_VoidTransformer()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("a:int")]
                    public static [|void|] M(IEnumerable<Sale> rows) { }
                }
            }
            """,
            "FUG006",
            "Return type 'void' is not supported by a Transformer; accepted: " + AcceptedOut);
    }

    [Fact]
    public void FUG007_UnsupportedMemberType()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public sealed record WithGuid(int A, Guid [|Id|]);
                public static class P
                {
                    [Transformer("*")]
                    public static IEnumerable<WithGuid> M(IEnumerable<WithGuid> rows) => rows;
                }
            }
            """,
            "FUG007",
            "Member 'WithGuid.Id' has type 'Guid', which has no schema type; supported: " + DiagnosticDescriptors.SupportedMemberTypes);
    }

    [Fact]
    public void FUG007_UnsupportedNestedMemberType_ReportedOnceOnTheNestedMember()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public sealed class Inner { public object? [|Payload|] { get; set; } }
                public sealed record Outer(int A, Inner B);
                public static class P
                {
                    [OutputTransformer]
                    public static void M(IEnumerable<Outer> rows) { }
                }
            }
            """,
            "FUG007",
            "Member 'Inner.Payload' has type 'object?', which has no schema type; supported: " + DiagnosticDescriptors.SupportedMemberTypes);
    }

    [Fact]
    public void FUG008_NotStatic()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public class P
                {
                    [Transformer("*")]
                    public IEnumerable<Sale> [|M|](IEnumerable<Sale> rows) => rows;
                }
            }
            """,
            "FUG008",
            "Method 'P.M' must be static to be a Transformer");
    }

    [Fact]
    public void FUG009_Private()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("*")]
                    private static IEnumerable<Sale> [|M|](IEnumerable<Sale> rows) => rows;
                }
            }
            """,
            "FUG009",
            "Method 'P.M' must be public or internal, and declared in public or internal types, to be a Transformer");
    }

    [Fact]
    public void FUG009_InPrivateNestedType()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class Outer
                {
                    private static class P
                    {
                        [OutputTransformer]
                        public static void [|M|](IEnumerable<Sale> rows) { }
                    }
                }
            }
            """,
            "FUG009",
            "Method 'Outer.P.M' must be public or internal, and declared in public or internal types, to be an OutputTransformer");
    }

    [Fact]
    public void FUG010_Generic()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer("*")]
                    public static IEnumerable<Sale> [|M|]<T>(IEnumerable<Sale> rows) => rows;
                }
            }
            """,
            "FUG010",
            "Method 'P.M' must not be generic or declared in a generic type to be a Transformer");
    }

    [Fact]
    public void FUG011_StarInCoTransformer()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [CoTransformer([|"*,n:long"|])]
                    public static IEnumerable<object?[]> M(IEnumerable<Sale> a, IEnumerable<Sale> b) => new List<object?[]>();
                }
            }
            """,
            "FUG011",
            "The CoTransformer schema \"*,n:long\" can't use '*' or the -, ~, + operators: a CoTransformer has several inputs, so list every output column");
    }

    [Fact]
    public void FUG012_UntypedOutputWithoutSchema()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer]
                    public static [|IEnumerable<Dictionary<string, object?>>|] M(IEnumerable<Sale> rows) => new List<Dictionary<string, object?>>();
                }
            }
            """,
            "FUG012",
            "Method 'P.M' returns 'IEnumerable<Dictionary<string, object?>>', which does not describe its columns: give the output schema in the attribute, e.g. [Transformer(\"a:int,b:str\")]");
    }

    [Fact]
    public void FUG013_DuplicateColumnInSchema()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer([|"a:int,a:str"|])]
                    public static IEnumerable<object?[]> M(IEnumerable<Sale> rows) => new List<object?[]>();
                }
            }
            """,
            "FUG013",
            "Duplicate column name 'a' in the schema \"a:int,a:str\"");
    }

    [Fact]
    public void FUG013_DuplicateColumnInRowType()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public sealed class Dup
                {
                    [Column("x")] public int A { get; set; }
                    [Column("x")] public int [|B|] { get; set; }
                }
                public static class P
                {
                    [OutputTransformer]
                    public static void M(IEnumerable<Dup> rows) { }
                }
            }
            """,
            "FUG013",
            "Duplicate column name 'x' in type 'Dup'");
    }

    [Fact]
    public void FUG013_StarDuplicatesAnInputColumn()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class P
                {
                    [Transformer([|"*,Key:long"|])]
                    public static IEnumerable<object?[]> M(IEnumerable<Sale> rows) => new List<object?[]>();
                }
            }
            """,
            "FUG013",
            "Duplicate column name 'Key' in the schema \"*,Key:long\" with '*' = Sale (Region:str,Key:int,Amount:double,Ts:datetime)");
    }

    [Fact]
    public void FUG014_NotAnnotatedMethodPassedAsHandle()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class Engine
                {
                    public static void Transform(object df, [TransformerHandle] Delegate transformer) { }
                }
                public static class P
                {
                    public static IEnumerable<Sale> Plain(IEnumerable<Sale> rows) => rows;

                    [Transformer("*")]
                    public static IEnumerable<Sale> Annotated(IEnumerable<Sale> rows) => rows;

                    public static void Use()
                    {
                        Engine.Transform(new object(), Annotated);
                        Engine.Transform(new object(), [|Plain|]);
                    }
                }
            }
            """,
            "FUG014",
            "'P.Plain' is passed to parameter 'transformer' as a transformer but is not annotated with [Transformer], [CoTransformer], [OutputTransformer], [OutputCoTransformer], [Creator], [Processor] or [Outputter]");
    }

    [Fact]
    public void FUG014_LambdaPassedAsHandle()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public static class Engine
                {
                    public static void Transform(object df, [TransformerHandle] Delegate transformer) { }
                }
                public static class P
                {
                    public static void Use() => Engine.Transform(new object(), [|(IEnumerable<Sale> rows) => rows|]);
                }
            }
            """,
            "FUG014",
            "'A lambda' is passed to parameter 'transformer' as a transformer but is not annotated with [Transformer], [CoTransformer], [OutputTransformer], [OutputCoTransformer], [Creator], [Processor] or [Outputter]");
    }

    [Fact]
    public void FUG015_InputRowTypeNotConstructible()
    {
        DiagnosticAssert.Single("""
            namespace App
            {
                public sealed class NoCtor
                {
                    public NoCtor(string unrelated) { }
                    public int A { get; }
                }
                public static class P
                {
                    [OutputTransformer]
                    public static void M([|IEnumerable<NoCtor>|] rows) { }
                }
            }
            """,
            "FUG015",
            "Row type 'NoCtor' can't be read from a frame: it needs an accessible constructor whose parameters all match its properties, or a parameterless constructor with settable properties");
    }

    [Fact]
    public void FUG016_OverloadedTransformer_ReportedOnEachAnnotatedOverload()
    {
        var source = GeneratorRunner.Usings + DiagnosticAssert.Rows + """
            namespace App
            {
                public static class P
                {
                    [Transformer("*")]
                    public static IEnumerable<Sale> M(IEnumerable<Sale> rows) => rows;

                    public static IEnumerable<Sale> M(IEnumerable<Sale> rows, int n) => rows;

                    [OutputTransformer]
                    public static void Print(IEnumerable<Sale> rows) { }

                    [OutputTransformer]
                    public static void Print(IEnumerable<Sale> rows, int n) { }
                }
            }
            """;
        var run = GeneratorRunner.Run(GeneratorRunner.Compile(source));
        Assert.Equal(2, run.AllDiagnostics.Count);
        var first = source.IndexOf("void Print(", StringComparison.Ordinal) + 5;
        var second = source.IndexOf("void Print(", first, StringComparison.Ordinal) + 5;
        Assert.Equal(new[] { first, second }, run.AllDiagnostics.Select(d => d.Location.SourceSpan.Start).ToArray());
        Assert.All(run.AllDiagnostics, d =>
        {
            Assert.Equal("FUG016", d.Id);
            Assert.Equal(5, d.Location.SourceSpan.Length);
            Assert.Equal("Method 'P.Print' has several annotated overloads, but transformers are registered and found by the name \"App.P.Print\": rename one of them", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public void ValidSignatures_ReportNothing()
    {
        DiagnosticAssert.None("""
            namespace App
            {
                public sealed class Mutable { public int A { get; set; } [Column("b b")] public string? B { get; set; } }
                public struct Point { public double X { get; set; } public double Y { get; set; } }
                public sealed record Nested(int Id, Point P, Point[] Path, IReadOnlyList<string> Tags, IReadOnlyDictionary<string, long> Counts, int? Maybe, byte[] Blob, decimal Price, DateOnly Day);
                public static class P
                {
                    [Transformer("*,Rank:int")]
                    public static IEnumerable<Ranked> Rank(IEnumerable<Sale> rows, int start = 1) => new List<Ranked>();

                    [Transformer]
                    public static Mutable One(IReadOnlyList<Mutable> rows) => rows[0];

                    [Transformer("*")]
                    public static Nested[] Same(Nested[] rows) => rows;

                    [Transformer("a:int,b:str")]
                    public static List<Dictionary<string, object?>> Dicts(List<object?[]> rows, string name = "x", double factor = 1.5) => new();

                    [Transformer("*~Amount+Key:long,extra:str")]
                    public static IEnumerable<object?[]> Hints(IEnumerable<Sale> rows) => new List<object?[]>();

                    [CoTransformer("Key:int,Sales:long,Dims:long")]
                    public static Counts Both(IEnumerable<Sale> sales, IReadOnlyList<Sale> dims) => new Counts(1, 2, 3);

                    [OutputTransformer]
                    public static void Print(IEnumerable<Sale> rows) { }

                    [OutputCoTransformer]
                    public static void PrintBoth(IEnumerable<Sale> a, IEnumerable<Mutable> b, int limit = 10) { }
                }
            }
            """);
    }
}
