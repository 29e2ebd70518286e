namespace Fugue.Generators.Model;

/// <summary>What a parameter or return value carries.</summary>
internal enum DataShape
{
    /// <summary>A collection of rows (typed, object?[] or dictionaries).</summary>
    Rows,

    /// <summary>A single row (return values only: one row per partition).</summary>
    SingleRow,

    /// <summary>A LocalDataFrame.</summary>
    Frame,

    /// <summary>A DataFrame as given, possibly distributed (Creators, Processors and Outputters).</summary>
    DataFrame,

    /// <summary>A DataFrames (all zipped frames of a CoTransformer).</summary>
    Frames,

    /// <summary>One RecordBatch (the whole partition).</summary>
    Batch,

    /// <summary>IEnumerable&lt;RecordBatch&gt; (the partition as a stream of batches).</summary>
    Batches,

    /// <summary>Nothing (void return of output kinds).</summary>
    Void,
}
