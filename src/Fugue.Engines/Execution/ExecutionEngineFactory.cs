using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using Fugue.Configuration;
using Fugue.Native;
using Fugue.Sql;

namespace Fugue.Execution;

/// <summary>
/// Makes engines by name, as Fugue's <c>make_execution_engine</c>: a registry of engine factories (<c>native</c> is
/// built in; other packages register theirs, e.g. <c>dask</c> by Fugue.Dask) and of SQL engine factories (<c>sqlite</c>).
/// Names are case-insensitive. With no name, the ambient engine (<see cref="ExecutionEngineContext.Current"/>) is used,
/// else the name in the conf key <see cref="EngineNameKey"/> (user conf, then Fugue's global conf), else
/// <see cref="NativeExecutionEngine"/>.
/// </summary>
/// <example>
/// <code>
/// using var engine = ExecutionEngineFactory.Make("native", new Dictionary&lt;string, object?&gt; { ["fugue.native.parallelism"] = 4 });
/// ExecutionEngineFactory.Register("mine", conf =&gt; new MyEngine(conf));
/// var byConf = ExecutionEngineFactory.Make(conf: new Dictionary&lt;string, object?&gt; { [ExecutionEngineFactory.EngineNameKey] = "mine" });
/// </code>
/// </example>
public static class ExecutionEngineFactory
{
    /// <summary>The conf key naming the engine to make when no engine is given (e.g. <c>native</c>, <c>dask</c>).</summary>
    public const string EngineNameKey = "fugue.execution.engine";

    /// <summary>The name of the built-in in-process engine.</summary>
    public const string NativeName = "native";

    /// <summary>The name of the built-in SQL engine (in-memory SQLite).</summary>
    public const string SqliteName = "sqlite";

    private static readonly Lock s_gate = new();

    private static readonly Dictionary<string, Func<IReadOnlyDictionary<string, object?>?, ExecutionEngine>> s_engines =
        new(StringComparer.OrdinalIgnoreCase) { [NativeName] = conf => new NativeExecutionEngine(conf) };

    private static readonly Dictionary<string, Func<ExecutionEngine, SqlEngine>> s_sqlEngines =
        new(StringComparer.OrdinalIgnoreCase) { [SqliteName] = engine => new SqliteEngine(engine) };

    // Engines that live in packages this assembly must not reference: the first use of the name loads the package (if
    // the application ships it) and runs its module initializer, which registers the engine.
    private static readonly Dictionary<string, string> s_plugins = new(StringComparer.OrdinalIgnoreCase) { ["dask"] = "Fugue.Dask" };

    /// <summary>The registered engine names, sorted.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (s_gate)
            {
                return s_engines.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray();
            }
        }
    }

    /// <summary>The registered SQL engine names, sorted.</summary>
    public static IReadOnlyList<string> SqlEngineNames
    {
        get
        {
            lock (s_gate)
            {
                return s_sqlEngines.Keys.Order(StringComparer.OrdinalIgnoreCase).ToArray();
            }
        }
    }

    /// <summary>Registers (or replaces) the factory of engine <paramref name="name"/>; it receives the user's conf (may be null).</summary>
    /// <exception cref="ArgumentException">The name is empty or blank.</exception>
    public static void Register(string name, Func<IReadOnlyDictionary<string, object?>?, ExecutionEngine> factory)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(factory);
        lock (s_gate)
        {
            s_engines[name.Trim()] = factory;
        }
    }

    /// <summary>Removes engine <paramref name="name"/>; false if it was not registered. The built-in <c>native</c> cannot be removed.</summary>
    public static bool Unregister(string name)
    {
        CheckName(name);
        if (string.Equals(name.Trim(), NativeName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("the built-in 'native' engine cannot be unregistered", nameof(name));
        }

        lock (s_gate)
        {
            return s_engines.Remove(name.Trim());
        }
    }

    /// <summary>True when engine <paramref name="name"/> is registered (a known plugin package is loaded to check).</summary>
    public static bool IsRegistered(string name)
    {
        CheckName(name);
        return TryGetFactory(name.Trim(), out _);
    }

    /// <summary>Registers (or replaces) the factory of SQL engine <paramref name="name"/>, built for a given execution engine.</summary>
    public static void RegisterSqlEngine(string name, Func<ExecutionEngine, SqlEngine> factory)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(factory);
        lock (s_gate)
        {
            s_sqlEngines[name.Trim()] = factory;
        }
    }

    /// <summary>
    /// Makes an engine: by <paramref name="name"/> when given, else the ambient engine, else the engine named by
    /// <see cref="EngineNameKey"/> in <paramref name="conf"/> or the global conf, else a <see cref="NativeExecutionEngine"/>.
    /// A new engine receives <paramref name="conf"/>; the ambient engine is returned as it is.
    /// </summary>
    /// <param name="name">An engine name such as <c>native</c> or <c>dask</c>; null or blank for the default.</param>
    /// <param name="conf">The new engine's conf (overlaid on Fugue's global defaults).</param>
    /// <exception cref="ArgumentException">The name is not registered (the message lists the known names).</exception>
    public static ExecutionEngine Make(string? name = null, IReadOnlyDictionary<string, object?>? conf = null)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            if (ExecutionEngineContext.Current is { } ambient)
            {
                return ambient;
            }

            name = FugueConf.Create(conf).Get<string?>(EngineNameKey, null);
            if (string.IsNullOrWhiteSpace(name))
            {
                return new NativeExecutionEngine(conf);
            }
        }

        name = name.Trim();
        if (!TryGetFactory(name, out var factory))
        {
            throw new ArgumentException(UnknownMessage("execution engine", name, Names), nameof(name));
        }

        return factory(conf) ?? throw new InvalidOperationException($"the factory of engine '{name}' returned null");
    }

    /// <summary>
    /// Makes an engine by name (see <see cref="Make(string?, IReadOnlyDictionary{string, object?}?)"/>) and sets its SQL
    /// engine by name, as Fugue's <c>(engine, sql_engine)</c> form.
    /// </summary>
    /// <exception cref="ArgumentException">Either name is not registered.</exception>
    public static ExecutionEngine Make(string? name, IReadOnlyDictionary<string, object?>? conf, string sqlEngine)
    {
        var engine = Make(name, conf);
        engine.SqlEngine = MakeSqlEngine(sqlEngine, engine);
        return engine;
    }

    /// <summary>Returns <paramref name="engine"/> itself when given, else makes the default engine as <see cref="Make(string?, IReadOnlyDictionary{string, object?}?)"/> with no name.</summary>
    public static ExecutionEngine Make(ExecutionEngine? engine, IReadOnlyDictionary<string, object?>? conf = null) =>
        engine ?? Make((string?)null, conf);

    /// <summary>Makes SQL engine <paramref name="name"/> for <paramref name="engine"/>.</summary>
    /// <exception cref="ArgumentException">The name is not registered (the message lists the known names).</exception>
    public static SqlEngine MakeSqlEngine(string name, ExecutionEngine engine)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(engine);
        Func<ExecutionEngine, SqlEngine>? factory;
        lock (s_gate)
        {
            s_sqlEngines.TryGetValue(name.Trim(), out factory);
        }

        if (factory is null)
        {
            throw new ArgumentException(UnknownMessage("SQL engine", name.Trim(), SqlEngineNames), nameof(name));
        }

        return factory(engine);
    }

    private static bool TryGetFactory(string name, [NotNullWhen(true)] out Func<IReadOnlyDictionary<string, object?>?, ExecutionEngine>? factory)
    {
        lock (s_gate)
        {
            if (s_engines.TryGetValue(name, out factory))
            {
                return true;
            }
        }

        if (s_plugins.TryGetValue(name, out var assembly) && LoadPlugin(assembly))
        {
            lock (s_gate)
            {
                return s_engines.TryGetValue(name, out factory);
            }
        }

        return false;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Optional: an application that trims away the plugin registers the engine itself.")]
    private static bool LoadPlugin(string assemblyName)
    {
        try
        {
            var assembly = Assembly.Load(new AssemblyName(assemblyName));
            RuntimeHelpers.RunModuleConstructor(assembly.ManifestModule.ModuleHandle);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    private static string UnknownMessage(string what, string name, IReadOnlyList<string> known)
    {
        var plugins = s_plugins.Keys.Where(p => !known.Contains(p, StringComparer.OrdinalIgnoreCase)).ToArray();
        var note = plugins.Length == 0 || what != "execution engine"
            ? ""
            : $" ({string.Join(", ", plugins.Select(p => $"'{p}' needs the {s_plugins[p]} package"))})";
        return $"unknown {what} '{name}'; known: {string.Join(", ", known)}{note}";
    }

    private static void CheckName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("an engine name must not be blank", nameof(name));
        }
    }
}
