using Fugue.Frames;

namespace Fugue.Runtime.Tests.Frames;

public sealed class DataFramesTests
{
    private static readonly DataFrame A = new ArrayDataFrame([[1]], "a:int");
    private static readonly DataFrame B = new ArrayDataFrame([["x"]], "b:str");

    private static KeyValuePair<string, DataFrame> KV(string key, DataFrame frame) => new(key, frame);

    [Fact]
    public void Positional()
    {
        var dfs = new DataFrames(A, B);
        Assert.False(dfs.HasKey);
        Assert.Equal(2, dfs.Count);
        Assert.Equal(["_0", "_1"], dfs.Keys);
        Assert.Same(A, dfs[0]);
        Assert.Same(B, dfs["_1"]);
        Assert.Equal([A, B], dfs);
        Assert.True(dfs.ContainsKey("_0"));
        Assert.False(dfs.ContainsKey("a"));
    }

    [Fact]
    public void Named()
    {
        var dfs = new DataFrames([KV("x", A), KV("y", B)]);
        Assert.True(dfs.HasKey);
        Assert.Equal(["x", "y"], dfs.Keys);
        Assert.Same(B, dfs["y"]);
        Assert.Same(A, dfs[0]);
        Assert.True(dfs.TryGetValue("x", out var x));
        Assert.Same(A, x);
        Assert.False(dfs.TryGetValue("z", out _));
        var ex = Assert.Throws<KeyNotFoundException>(() => dfs["z"]);
        Assert.Equal("no frame named 'z' in DataFrames [x, y]", ex.Message);
        Assert.Equal([KV("x", A), KV("y", B)], dfs.Items());
    }

    [Fact]
    public void EmptyCollection()
    {
        Assert.Empty(DataFrames.Empty);
        Assert.False(DataFrames.Empty.HasKey);
        Assert.Empty(new DataFrames(Array.Empty<DataFrame>()));
    }

    [Fact]
    public void InvalidCollections()
    {
        Assert.Equal("frame name 'x' is used twice",
            Assert.Throws<FugueDataFrameInitException>(() => new DataFrames([KV("x", A), KV("x", B)])).Message);
        Assert.Throws<FugueDataFrameInitException>(() => new DataFrames([KV("", A)]));
        Assert.Throws<ArgumentNullException>(() => new DataFrames(A, null!));
    }

    [Fact]
    public void OfFlattensAndRejectsMixing()
    {
        var positional = DataFrames.Of(A, new DataFrames(B), new List<DataFrame> { A });
        Assert.False(positional.HasKey);
        Assert.Equal(["_0", "_1", "_2"], positional.Keys);

        var named = DataFrames.Of(("x", A), new KeyValuePair<string, DataFrame>("y", B), new DataFrames([KV("z", A)]));
        Assert.True(named.HasKey);
        Assert.Equal(["x", "y", "z"], named.Keys);

        var ex = Assert.Throws<FugueDataFrameInitException>(() => DataFrames.Of(A, ("x", B)));
        Assert.Equal("cannot mix named and positional frames in one DataFrames collection", ex.Message);
        Assert.Throws<FugueDataFrameInitException>(() => DataFrames.Of(("x", A), B));
        Assert.Throws<FugueDataFrameInitException>(() => DataFrames.Of(("x", A), ("x", B)));
        Assert.Throws<FugueDataFrameInitException>(() => DataFrames.Of(42));
    }

    [Fact]
    public void OfTakesPairsOfConcreteFrameTypes()
    {
        var array = new ArrayDataFrame([[1]], "a:int");
        var empty = new EmptyDataFrame("b:str");
        var named = DataFrames.Of(("x", array), ("y", empty));
        Assert.Equal(["x", "y"], named.Keys);
        Assert.Same(array, named["x"]);
        Assert.Same(empty, named["y"]);
        Assert.Throws<FugueDataFrameInitException>(() => DataFrames.Of(((string?)null, array)));
        Assert.Throws<FugueDataFrameInitException>(() => DataFrames.Of((1, array)));
    }

    [Fact]
    public void ConvertKeepsTheShape()
    {
        var stream = new IterableDataFrame([[1]], "a:int");
        var dfs = new DataFrames([KV("x", stream), KV("y", B)]);
        var local = dfs.AsLocalBounded();
        Assert.True(local.HasKey);
        Assert.Equal(["x", "y"], local.Keys);
        Assert.All(local, f => Assert.True(f.IsBounded));
        Assert.Same(B, local["y"]);

        var renamed = new DataFrames(A, B).Convert(f => f.Rename(new Dictionary<string, string> { [f.Schema[0].Name] = "z" }));
        Assert.False(renamed.HasKey);
        Assert.All(renamed, f => Assert.Equal("z", f.Schema[0].Name));
    }
}
