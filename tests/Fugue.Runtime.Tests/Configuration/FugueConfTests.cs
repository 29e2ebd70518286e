using Fugue.Configuration;

namespace Fugue.Runtime.Tests.Configuration;

public class FugueConfTests
{
    [Fact]
    public void BuiltInDefaults()
    {
        var d = FugueConf.BuiltInDefaults();
        Assert.Equal(1, d.GetOrThrow<int>(FugueConf.WorkflowConcurrency));
        Assert.Equal(-1, d.GetOrThrow<int>(FugueConf.DefaultPartitions));
        Assert.False(d.GetOrThrow<bool>(FugueConf.WorkflowAutoPersist));
        Assert.False(d.GetOrThrow<bool>(FugueConf.SqlIgnoreCase));
        Assert.Equal("spark", d.GetOrThrow<string>(FugueConf.SqlDialect));
        Assert.Equal(3, d.GetOrThrow<int>(FugueConf.WorkflowExceptionInject));
        Assert.True(d.GetOrThrow<bool>(FugueConf.WorkflowExceptionOptimize));
        Assert.StartsWith("fugue.,six,", d.GetOrThrow<string>(FugueConf.WorkflowExceptionHide));
        Assert.Equal("fugue.workflow.concurrency", FugueConf.WorkflowConcurrency);
        Assert.Equal("fugue.default.partitions", FugueConf.DefaultPartitions);
        Assert.Equal("fugue.workflow.auto_persist", FugueConf.WorkflowAutoPersist);
        Assert.Equal("fugue.sql.compile.ignore_case", FugueConf.SqlIgnoreCase);
        Assert.Equal("fugue.sql.compile.dialect", FugueConf.SqlDialect);
        Assert.Contains(FugueConf.SqlDialect, FugueConf.CompileTimeKeys);
        Assert.DoesNotContain(FugueConf.WorkflowConcurrency, FugueConf.CompileTimeKeys);
    }

    [Fact]
    public void UserConfOverlaysDefaults()
    {
        var conf = FugueConf.Create([new(FugueConf.WorkflowConcurrency, "4"), new("my.setting", "x")]);
        Assert.Equal(4, conf.GetOrThrow<int>(FugueConf.WorkflowConcurrency));
        Assert.Equal(-1, conf.Get(FugueConf.DefaultPartitions, 0));
        Assert.Equal("x", conf["my.setting"]);
        Assert.False(conf.IsReadOnly);
        conf.Set("more", 1); // the engine's conf is its own copy
        Assert.False(FugueConf.GlobalDefaults.ContainsKey("more"));
        Assert.Equal(1, FugueConf.Create().GetOrThrow<int>(FugueConf.WorkflowConcurrency));
    }

    [Fact]
    public void RegisterGlobal()
    {
        const string Key = "fugue.test.partitioning_helper.value";
        FugueConf.RegisterGlobal([new(Key, 1)]);
        Assert.Equal(1, FugueConf.Create()[Key]);
        Assert.Equal(2, FugueConf.Create([new(Key, 2)])[Key]);
        Assert.True(FugueConf.GlobalDefaults.IsReadOnly);

        FugueConf.RegisterGlobal([new(Key, 1)], ParamDictOnDuplicate.Throw); // same value: fine
        var e = Assert.Throws<ArgumentException>(() => FugueConf.RegisterGlobal([new(Key, 5)], ParamDictOnDuplicate.Throw));
        Assert.Contains(Key, e.Message);
        FugueConf.RegisterGlobal([new(Key, 5)], ParamDictOnDuplicate.Ignore);
        Assert.Equal(1, FugueConf.GlobalDefaults[Key]);
        FugueConf.RegisterGlobal([new(Key, 7)]);
        Assert.Equal(7, FugueConf.GlobalDefaults[Key]);
        Assert.False(FugueConf.BuiltInDefaults().ContainsKey(Key));
    }
}
