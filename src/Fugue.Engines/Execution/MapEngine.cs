using Fugue.Frames;
using Fugue.Partitioning;
using Fugue.Schemas;

namespace Fugue.Execution;

/// <summary>The map facet of an engine: runs a function per logical partition (Fugue's <c>map_dataframe</c>).</summary>
public abstract class MapEngine : EngineFacet
{
    /// <summary>Creates the facet for <paramref name="engine"/>.</summary>
    protected MapEngine(ExecutionEngine engine) : base(engine)
    {
    }

    /// <summary>
    /// Applies <paramref name="mapFunc"/> to every logical partition of <paramref name="df"/> as
    /// <paramref name="partitionSpec"/> defines them (keys, presort, num, algo), calling <paramref name="onInit"/>
    /// before the first call of each physical partition. The result has <paramref name="outputSchema"/> and is
    /// lazy: it is computed when consumed (again at each consumption unless persisted).
    /// </summary>
    public abstract DataFrame MapDataFrame(
        DataFrame df,
        MapFunc mapFunc,
        Schema outputSchema,
        PartitionSpec partitionSpec,
        MapInitFunc? onInit = null,
        CancellationToken cancellationToken = default);
}
