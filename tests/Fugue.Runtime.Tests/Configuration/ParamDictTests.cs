using Fugue.Configuration;

namespace Fugue.Runtime.Tests.Configuration;

public class ParamDictTests
{
    private enum Color
    {
        Red,
        Green,
        Blue,
    }

    [Fact]
    public void KeepsInsertionOrderAndIsCaseSensitive()
    {
        var d = new ParamDict().Set("b", 1).Set("a", 2).Set("B", 3);
        Assert.Equal(["b", "a", "B"], d.Keys);
        d["b"] = 10; // replacing keeps the position
        Assert.Equal(["b", "a", "B"], d.Keys);
        Assert.Equal(10, d["b"]);
        Assert.Equal(3, d["B"]);
        Assert.Equal(3, d.Count);
        Assert.True(d.Remove("a"));
        Assert.False(d.ContainsKey("a"));
        Assert.Equal("{b: 10, B: 3}", d.ToString());
    }

    [Fact]
    public void ConstructFromPairsLastWins()
    {
        var d = new ParamDict([new("x", 1), new("y", "s"), new("x", 2)]);
        Assert.Equal(["x", "y"], d.Keys);
        Assert.Equal(2, d["x"]);
    }

    [Theory]
    [InlineData("5", 5)]
    [InlineData(" -12 ", -12)]
    [InlineData(7L, 7)]
    [InlineData((short)3, 3)]
    [InlineData(4.0, 4)]
    public void IntConversions(object raw, int expected) =>
        Assert.Equal(expected, new ParamDict().Set("k", raw).GetOrThrow<int>("k"));

    [Theory]
    [InlineData("9000000000", 9000000000L)]
    [InlineData(5, 5L)]
    [InlineData((byte)5, 5L)]
    [InlineData(5u, 5L)]
    public void LongConversions(object raw, long expected) =>
        Assert.Equal(expected, new ParamDict().Set("k", raw).GetOrThrow<long>("k"));

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("1e3", 1000.0)]
    [InlineData(3, 3.0)]
    [InlineData(2L, 2.0)]
    [InlineData(0.25f, 0.25)]
    public void DoubleConversions(object raw, double expected) =>
        Assert.Equal(expected, new ParamDict().Set("k", raw).GetOrThrow<double>("k"));

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData(" True ", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    [InlineData(1, true)]
    [InlineData(0L, false)]
    [InlineData(true, true)]
    public void BoolConversions(object raw, bool expected) =>
        Assert.Equal(expected, new ParamDict().Set("k", raw).GetOrThrow<bool>("k"));

    [Theory]
    [InlineData(1, "1")]
    [InlineData(1.5, "1.5")]
    [InlineData(true, "true")]
    [InlineData("x", "x")]
    public void StringConversions(object raw, string expected) =>
        Assert.Equal(expected, new ParamDict().Set("k", raw).GetOrThrow<string>("k"));

    [Theory]
    [InlineData("5", 5.0)]
    [InlineData(5, 5.0)]
    [InlineData(2.5, 2.5)]
    [InlineData("5s", 5.0)]
    [InlineData("100ms", 0.1)]
    [InlineData("10min", 600.0)]
    [InlineData("2h", 7200.0)]
    [InlineData("1 day", 86400.0)]
    [InlineData("00:01:30", 90.0)]
    [InlineData("1.00:00:01", 86401.0)]
    public void TimeSpanConversions(object raw, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), new ParamDict().Set("k", raw).GetOrThrow<TimeSpan>("k"));

    [Fact]
    public void OtherConversions()
    {
        var d = new ParamDict()
            .Set("e1", "green").Set("e2", "BLUE").Set("e3", 0).Set("e4", Color.Blue)
            .Set("m", "1.25").Set("f", "2.5").Set("s", "7").Set("b", 255)
            .Set("ts", TimeSpan.FromMinutes(1));
        Assert.Equal(Color.Green, d.GetOrThrow<Color>("e1"));
        Assert.Equal(Color.Blue, d.GetOrThrow<Color>("e2"));
        Assert.Equal(Color.Red, d.GetOrThrow<Color>("e3"));
        Assert.Equal(Color.Blue, d.GetOrThrow<Color>("e4"));
        Assert.Equal(1.25m, d.GetOrThrow<decimal>("m"));
        Assert.Equal(2.5f, d.GetOrThrow<float>("f"));
        Assert.Equal((short)7, d.GetOrThrow<short>("s"));
        Assert.Equal((byte)255, d.GetOrThrow<byte>("b"));
        Assert.Equal(TimeSpan.FromMinutes(1), d.GetOrThrow<TimeSpan>("ts"));
        Assert.Equal("00:01:00", d.GetOrThrow<string>("ts"));
        Assert.Equal(7, d.GetOrThrow<int?>("s"));
        Assert.Same(d["m"], d.GetOrThrow<object>("m"));
    }

    [Fact]
    public void GetWithDefault()
    {
        var d = new ParamDict().Set("a", "3").Set("n", null);
        Assert.Equal(3, d.Get("a", 1));
        Assert.Equal(1, d.Get("missing", 1));
        Assert.Equal(1, d.Get("n", 1));
        Assert.Equal("3", d.Get("a", "x"));
        Assert.True(d.Get("missing", true));
        Assert.Equal(TimeSpan.FromSeconds(3), d.Get("a", TimeSpan.Zero));
    }

    [Fact]
    public void TryGet()
    {
        var d = new ParamDict().Set("a", "3").Set("b", "x");
        Assert.True(d.TryGet<int>("a", out var a));
        Assert.Equal(3, a);
        Assert.False(d.TryGet<int>("b", out _));
        Assert.False(d.TryGet<int>("c", out _));
    }

    [Fact]
    public void MissingKeyNamesKeyAndListsAvailableKeys()
    {
        var d = new ParamDict().Set("fugue.a", 1).Set("fugue.b", 2);
        var e = Assert.Throws<KeyNotFoundException>(() => d.GetOrThrow<int>("fugue.c"));
        Assert.Contains("'fugue.c'", e.Message);
        Assert.Contains("fugue.a, fugue.b", e.Message);
        e = Assert.Throws<KeyNotFoundException>(() => d["zz"]);
        Assert.Contains("'zz'", e.Message);
        e = Assert.Throws<KeyNotFoundException>(() => new ParamDict().GetOrThrow<int>("x"));
        Assert.Contains("(none)", e.Message);
    }

    [Theory]
    [InlineData("abc", "Int32")]
    [InlineData("1.5", "Int32")]
    [InlineData(1.5, "Int32")]
    [InlineData(3000000000L, "Int32")]
    [InlineData(true, "Int32")]
    public void UnconvertibleIntNamesKeyValueAndType(object raw, string typeName)
    {
        var e = Assert.Throws<InvalidCastException>(() => new ParamDict().Set("my.key", raw).GetOrThrow<int>("my.key"));
        Assert.Contains("'my.key'", e.Message);
        Assert.Contains(typeName, e.Message);
        Assert.Contains(Convert.ToString(raw, System.Globalization.CultureInfo.InvariantCulture)!, e.Message);
    }

    [Fact]
    public void UnconvertibleOtherTypes()
    {
        var d = new ParamDict().Set("b", "yes").Set("t", "5 parsecs").Set("e", "purple").Set("e9", 9).Set("n", null).Set("bytes", 256);
        Assert.Contains("Boolean", Assert.Throws<InvalidCastException>(() => d.GetOrThrow<bool>("b")).Message);
        Assert.Contains("TimeSpan", Assert.Throws<InvalidCastException>(() => d.GetOrThrow<TimeSpan>("t")).Message);
        var e = Assert.Throws<InvalidCastException>(() => d.GetOrThrow<Color>("e"));
        Assert.Contains("Red, Green, Blue", e.Message);
        Assert.Throws<InvalidCastException>(() => d.GetOrThrow<Color>("e9"));
        Assert.Throws<InvalidCastException>(() => d.GetOrThrow<byte>("bytes"));
        Assert.Contains("null", Assert.Throws<InvalidCastException>(() => d.GetOrThrow<int>("n")).Message);
        Assert.Null(d.GetOrThrow<int?>("n"));
        // a present but invalid value is not silently replaced by the default
        Assert.Throws<InvalidCastException>(() => d.Get("b", false));
    }

    [Fact]
    public void UnsupportedTargetTypeIsClear()
    {
        var d = new ParamDict().Set("k", "1");
        var e = Assert.Throws<NotSupportedException>(() => d.GetOrThrow<Guid>("k"));
        Assert.Contains("Guid", e.Message);
        Assert.Throws<NotSupportedException>(() => d.Get("k", new List<int>()));
    }

    [Fact]
    public void UpdateModes()
    {
        var d = new ParamDict().Set("a", 1).Set("b", 2);
        d.Update([new("b", 20), new("c", 30)]);
        Assert.Equal(20, d["b"]);
        Assert.Equal(["a", "b", "c"], d.Keys);

        d.Update([new("a", 100), new("d", 4)], ParamDictOnDuplicate.Ignore);
        Assert.Equal(1, d["a"]);
        Assert.Equal(4, d["d"]);

        var e = Assert.Throws<ArgumentException>(() => d.Update([new("e", 5), new("a", 2)], ParamDictOnDuplicate.Throw));
        Assert.Contains("'a'", e.Message);
        Assert.False(d.ContainsKey("e")); // transactional
        d.Update([new("a", 1), new("e", 5)], ParamDictOnDuplicate.Throw); // same value is fine
        Assert.Equal(5, d["e"]);
    }

    [Fact]
    public void ReadOnlyCopy()
    {
        var d = new ParamDict().Set("a", 1);
        var ro = d.ToReadOnly();
        Assert.True(ro.IsReadOnly);
        Assert.Same(ro, ro.ToReadOnly());
        Assert.Throws<InvalidOperationException>(() => ro["a"] = 2);
        Assert.Throws<InvalidOperationException>(() => ro.Set("b", 2));
        Assert.Throws<InvalidOperationException>(() => ro.Remove("a"));
        Assert.Throws<InvalidOperationException>(() => ro.Clear());
        Assert.Throws<InvalidOperationException>(() => ro.Update([new("b", 1)]));
        d.Set("a", 5); // a snapshot: later changes of the source don't show
        Assert.Equal(1, ro["a"]);
        var copy = ro.Copy();
        copy.Set("a", 3);
        Assert.False(copy.IsReadOnly);
        Assert.Equal(1, ro["a"]);
    }

    [Fact]
    public void EnumeratesPairsInOrder()
    {
        IReadOnlyDictionary<string, object?> d = new ParamDict().Set("z", 1).Set("y", null);
        Assert.Equal([new KeyValuePair<string, object?>("z", 1), new KeyValuePair<string, object?>("y", null)], d.ToList());
        Assert.True(d.TryGetValue("y", out var v));
        Assert.Null(v);
        Assert.Equal([1, null], d.Values);
    }
}
