namespace Fugue.IO.Parquet.Metadata;

/// <summary>Kinds of pages in a column chunk.</summary>
public enum PageType
{
    /// <summary>Data page, version 1 header.</summary>
    DataPage = 0,
    /// <summary>Index page (unused).</summary>
    IndexPage = 1,
    /// <summary>Dictionary page.</summary>
    DictionaryPage = 2,
    /// <summary>Data page, version 2 header.</summary>
    DataPageV2 = 3,
}
