namespace Fugue.IO.Parquet.Metadata;

/// <summary>Parquet value and level encodings (thrift <c>Encoding</c>).</summary>
public enum ParquetEncoding
{
    /// <summary>Values back to back (booleans bit-packed).</summary>
    Plain = 0,
    /// <summary>Deprecated dictionary encoding marker (RLE indices; PLAIN dictionary page).</summary>
    PlainDictionary = 2,
    /// <summary>RLE / bit-packing hybrid (levels, booleans).</summary>
    Rle = 3,
    /// <summary>Deprecated MSB-first bit packing for levels.</summary>
    BitPacked = 4,
    /// <summary>Delta binary packed integers.</summary>
    DeltaBinaryPacked = 5,
    /// <summary>Delta-encoded lengths followed by concatenated bytes.</summary>
    DeltaLengthByteArray = 6,
    /// <summary>Incremental (prefix) encoding of byte arrays.</summary>
    DeltaByteArray = 7,
    /// <summary>Dictionary indices in the RLE / bit-packing hybrid.</summary>
    RleDictionary = 8,
    /// <summary>Bytes of fixed-width values split into streams.</summary>
    ByteStreamSplit = 9,
}
