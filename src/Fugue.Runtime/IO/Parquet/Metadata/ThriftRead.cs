using Fugue.IO.Thrift;

namespace Fugue.IO.Parquet.Metadata;

/// <summary>Reads one thrift value with a reader passed by reference (ref structs cannot be captured).</summary>
internal delegate T ThriftRead<T>(ref ThriftCompactReader reader);
