namespace Fugue.Configuration;

/// <summary>
/// Fugue's configuration keys and global defaults (<c>fugue/constants.py</c>). An engine's conf is the global
/// defaults overlaid with the user's conf (<see cref="Create"/>); <see cref="RegisterGlobal"/> changes the defaults.
/// </summary>
public static class FugueConf
{
    /// <summary>Workflow task concurrency (default 1).</summary>
    public const string WorkflowConcurrency = "fugue.workflow.concurrency";

    /// <summary>Checkpoint folder of a workflow.</summary>
    public const string WorkflowCheckpointPath = "fugue.workflow.checkpoint.path";

    /// <summary>Whether a workflow persists frames used more than once (default false).</summary>
    public const string WorkflowAutoPersist = "fugue.workflow.auto_persist";

    /// <summary>The persist level used by auto persist.</summary>
    public const string WorkflowAutoPersistValue = "fugue.workflow.auto_persist_value";

    /// <summary>Cache folder of a workflow.</summary>
    public const string WorkflowCachePath = "fugue.workflow.cache.path";

    /// <summary>Comma-separated module prefixes hidden from workflow exception traces.</summary>
    public const string WorkflowExceptionHide = "fugue.workflow.exception.hide";

    /// <summary>How many frames of the user's code to inject into exception traces (default 3).</summary>
    public const string WorkflowExceptionInject = "fugue.workflow.exception.inject";

    /// <summary>Whether exception traces are shortened (default true).</summary>
    public const string WorkflowExceptionOptimize = "fugue.workflow.exception.optimize";

    /// <summary>Whether Fugue SQL keywords are case-insensitive (default false).</summary>
    public const string SqlIgnoreCase = "fugue.sql.compile.ignore_case";

    /// <summary>The SQL dialect of Fugue SQL (default <see cref="SqlDefaultDialect"/>).</summary>
    public const string SqlDialect = "fugue.sql.compile.dialect";

    /// <summary>The default number of partitions (default -1: the engine decides).</summary>
    public const string DefaultPartitions = "fugue.default.partitions";

    /// <summary>The default SQL dialect.</summary>
    public const string SqlDefaultDialect = "spark";

    /// <summary>The default of <see cref="WorkflowExceptionHide"/>.</summary>
    public const string DefaultExceptionHide =
        "fugue.,six,adagio.,pandas,fugue_dask.,dask.,fugue_spark.,pyspark.,antlr4,triad,fugue_notebook.,ipython.,jupyter.,ipykernel,_pytest,pytest,fugue_ibis.";

    private static readonly object Gate = new();
    private static ParamDict _global = BuiltInDefaults().ToReadOnly();

    /// <summary>The keys that only matter when a workflow is compiled (Fugue's FUGUE_COMPILE_TIME_CONFIGS).</summary>
    public static IReadOnlySet<string> CompileTimeKeys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        WorkflowAutoPersist, WorkflowAutoPersistValue, WorkflowExceptionHide, WorkflowExceptionInject,
        WorkflowExceptionOptimize, SqlIgnoreCase, SqlDialect,
    };

    /// <summary>A read-only snapshot of the current global defaults.</summary>
    public static ParamDict GlobalDefaults
    {
        get
        {
            lock (Gate)
            {
                return _global;
            }
        }
    }

    /// <summary>Fugue's built-in defaults, regardless of <see cref="RegisterGlobal"/> (a new writable dictionary).</summary>
    public static ParamDict BuiltInDefaults() => new ParamDict()
        .Set(WorkflowConcurrency, 1)
        .Set(WorkflowAutoPersist, false)
        .Set(WorkflowExceptionHide, DefaultExceptionHide)
        .Set(WorkflowExceptionInject, 3)
        .Set(WorkflowExceptionOptimize, true)
        .Set(SqlIgnoreCase, false)
        .Set(SqlDialect, SqlDefaultDialect)
        .Set(DefaultPartitions, -1);

    /// <summary>An engine conf: a writable copy of the global defaults overlaid with <paramref name="userConf"/> (user wins).</summary>
    public static ParamDict Create(IEnumerable<KeyValuePair<string, object?>>? userConf = null)
    {
        var conf = GlobalDefaults.Copy();
        if (userConf is not null)
        {
            conf.Update(userConf);
        }

        return conf;
    }

    /// <summary>
    /// Changes the global defaults picked up by every later <see cref="Create"/>. With <see cref="ParamDictOnDuplicate.Throw"/>
    /// an existing key with a different value is an error and nothing changes.
    /// </summary>
    /// <exception cref="ArgumentException">A conflicting key under <see cref="ParamDictOnDuplicate.Throw"/>.</exception>
    public static void RegisterGlobal(IEnumerable<KeyValuePair<string, object?>> conf, ParamDictOnDuplicate onDuplicate = ParamDictOnDuplicate.Overwrite)
    {
        ArgumentNullException.ThrowIfNull(conf);
        lock (Gate)
        {
            _global = _global.Copy().Update(conf, onDuplicate).ToReadOnly();
        }
    }
}
