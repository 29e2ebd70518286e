using Fugue.Columnar;
using Fugue.Schemas;

namespace Fugue.IO.Ipc;

/// <summary>What a reader knows after the schema: field plans and the dictionaries received so far.</summary>
internal sealed class IpcDecoderState
{
    private readonly IpcField[] _fields;
    private readonly Dictionary<long, IpcField> _dictionaryFields = [];
    private readonly Dictionary<long, Column> _dictionaries = [];

    public IpcDecoderState(FlatBufferTable schemaTable)
    {
        (Schema, _fields, Metadata) = ArrowSchemaCodec.Read(schemaTable);
        foreach (var f in _fields)
        {
            CollectDictionaryFields(f);
        }
    }

    public Schema Schema { get; }

    public IReadOnlyDictionary<string, string>? Metadata { get; }

    public static IpcDecoderState FromSchemaMessage(in IpcMessage m)
    {
        if (m.HeaderType != IpcMessageEncoder.HeaderSchema)
        {
            throw new ArrowIpcFormatException($"expected a Schema message first, found header type {m.HeaderType}");
        }

        return new IpcDecoderState(m.Header);
    }

    private void CollectDictionaryFields(IpcField f)
    {
        if (f.DictionaryId is { } id)
        {
            _dictionaryFields[id] = f.WithoutDictionary();
        }

        foreach (var c in f.Children)
        {
            CollectDictionaryFields(c);
        }
    }

    /// <summary>Applies a dictionary message or decodes a record batch (null for dictionaries).</summary>
    public RecordBatch? Process(in IpcMessage m)
    {
        switch (m.HeaderType)
        {
            case IpcMessageEncoder.HeaderRecordBatch:
            {
                var decoder = new IpcBatchDecoder(m.Header, m.Body, _dictionaries);
                var columns = decoder.Decode(_fields);
                return new RecordBatch(Schema, columns, decoder.Length);
            }

            case IpcMessageEncoder.HeaderDictionaryBatch:
                ApplyDictionary(m);
                return null;
            case IpcMessageEncoder.HeaderSchema:
                throw new ArrowIpcFormatException("a second Schema message in one stream");
            case 4 or 5:
                throw new ArrowIpcUnsupportedException("tensor messages are not supported");
            default:
                throw new ArrowIpcFormatException($"unknown message header type {m.HeaderType}");
        }
    }

    private void ApplyDictionary(in IpcMessage m)
    {
        var id = m.Header.GetLong(0, 0);
        var data = m.Header.GetTable(1) ?? throw new ArrowIpcFormatException($"dictionary batch {id} has no data", m.Header.Position);
        var isDelta = m.Header.GetBool(2, false);
        if (!_dictionaryFields.TryGetValue(id, out var field))
        {
            throw new ArrowIpcFormatException($"dictionary batch {id} matches no dictionary-encoded field of the schema");
        }

        var decoder = new IpcBatchDecoder(data, m.Body, _dictionaries);
        var column = decoder.Decode([field])[0];
        if (isDelta && _dictionaries.TryGetValue(id, out var existing))
        {
            column = Column.Concat([existing, column]);
        }

        _dictionaries[id] = column;
    }
}
