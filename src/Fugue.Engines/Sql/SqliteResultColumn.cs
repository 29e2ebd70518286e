using System.Globalization;
using System.Text;
using Fugue.Columnar;
using Fugue.Schemas;
using SQLitePCL;

namespace Fugue.Sql;

/// <summary>
/// One result column read from a SQLite statement: every value kept unboxed with its storage class (integers
/// and reals in one long array, text and blobs as UTF-8 slices of one byte buffer), so the column's type can
/// be decided after all rows are seen and the column built without per-value objects.
/// </summary>
internal sealed class SqliteResultColumn
{
    private const byte KindNull = 0;
    private const byte KindInteger = 1;
    private const byte KindReal = 2;
    private const byte KindText = 3;
    private const byte KindBlob = 4;

    private byte[] _kinds = new byte[256];
    private long[] _values = new long[256];
    private byte[] _data = [];
    private int _dataLength;
    private int _length;
    private int _integers;
    private int _reals;
    private int _texts;
    private int _blobs;

    /// <summary>Creates the buffer for a column with its name and declared type (null for expressions).</summary>
    public SqliteResultColumn(string name, string? declaredType)
    {
        Name = name;
        DeclaredType = declaredType;
    }

    /// <summary>The result column's name.</summary>
    public string Name { get; }

    /// <summary>The declared type of the source table column, or null.</summary>
    public string? DeclaredType { get; }

    /// <summary>Reads the value of column <paramref name="index"/> of the current row.</summary>
    public void Read(sqlite3_stmt stmt, int index)
    {
        if (_length == _kinds.Length)
        {
            Array.Resize(ref _kinds, _length * 2);
            Array.Resize(ref _values, _length * 2);
        }

        switch (raw.sqlite3_column_type(stmt, index))
        {
            case raw.SQLITE_INTEGER:
                _kinds[_length] = KindInteger;
                _values[_length] = raw.sqlite3_column_int64(stmt, index);
                _integers++;
                break;
            case raw.SQLITE_FLOAT:
                _kinds[_length] = KindReal;
                _values[_length] = BitConverter.DoubleToInt64Bits(raw.sqlite3_column_double(stmt, index));
                _reals++;
                break;
            case raw.SQLITE_TEXT:
                _kinds[_length] = KindText;
                _values[_length] = AppendData(raw.sqlite3_column_blob(stmt, index));
                _texts++;
                break;
            case raw.SQLITE_BLOB:
                _kinds[_length] = KindBlob;
                _values[_length] = AppendData(raw.sqlite3_column_blob(stmt, index));
                _blobs++;
                break;
            default:
                _kinds[_length] = KindNull;
                _values[_length] = 0;
                break;
        }

        _length++;
    }

    /// <summary>The number of values read.</summary>
    public int Length => _length;

    /// <summary>
    /// The column's type: the declared type when every value fits it, else the type the values' storage
    /// classes imply (integer -> long, real or integer+real -> double, text (also mixed with numbers) -> str,
    /// blob (also mixed) -> bytes, only nulls -> null).
    /// </summary>
    public Column Build(SqliteTypeRegistry registry)
    {
        var declared = SqliteTypes.FromDeclaredType(DeclaredType, registry);
        if (declared is not null && TryBuild(declared, out var column))
        {
            return column;
        }

        var inferred = InferType();
        if (TryBuild(inferred, out column))
        {
            return column;
        }

        throw new FugueSqlException($"result column '{Name}' cannot be read as {inferred}");
    }

    private DataType InferType()
    {
        if (_blobs > 0)
        {
            return DataType.Binary;
        }

        if (_texts > 0)
        {
            return DataType.String;
        }

        if (_reals > 0)
        {
            return DataType.Float64;
        }

        return _integers > 0 ? DataType.Int64 : DataType.Null;
    }

    private bool TryBuild(DataType type, out Column column)
    {
        column = null!;
        switch (type.Kind)
        {
            case TypeKind.Null:
                if (_integers + _reals + _texts + _blobs > 0)
                {
                    return false;
                }

                column = new NullColumn(_length);
                return true;
            case TypeKind.Bool:
                return TryBuildBool(out column);
            case TypeKind.Int8:
                return TryBuildInteger<sbyte>(type, sbyte.MinValue, sbyte.MaxValue, out column);
            case TypeKind.UInt8:
                return TryBuildInteger<byte>(type, byte.MinValue, byte.MaxValue, out column);
            case TypeKind.Int16:
                return TryBuildInteger<short>(type, short.MinValue, short.MaxValue, out column);
            case TypeKind.UInt16:
                return TryBuildInteger<ushort>(type, ushort.MinValue, ushort.MaxValue, out column);
            case TypeKind.Int32:
                return TryBuildInteger<int>(type, int.MinValue, int.MaxValue, out column);
            case TypeKind.UInt32:
                return TryBuildInteger<uint>(type, uint.MinValue, uint.MaxValue, out column);
            case TypeKind.Int64:
                return TryBuildInteger<long>(type, long.MinValue, long.MaxValue, out column);
            case TypeKind.UInt64:
                return TryBuildUInt64(out column);
            case TypeKind.Float16:
                return TryBuildFloat<Half>(type, static d => (Half)d, out column);
            case TypeKind.Float32:
                return TryBuildFloat<float>(type, static d => (float)d, out column);
            case TypeKind.Float64:
                return TryBuildFloat<double>(type, static d => d, out column);
            case TypeKind.String:
                return TryBuildString(out column);
            case TypeKind.Binary:
                return TryBuildBinary(out column);
            case TypeKind.Date:
                return TryBuildDate(out column);
            case TypeKind.Timestamp:
                return TryBuildTimestamp((TimestampType)type, out column);
            case TypeKind.Decimal:
                return TryBuildDecimal((DecimalType)type, out column);
            default:
                return false;
        }
    }

    private bool TryBuildBool(out Column column)
    {
        column = null!;
        if (_reals + _texts + _blobs > 0)
        {
            return false;
        }

        var builder = new BooleanColumnBuilder(_length);
        for (var i = 0; i < _length; i++)
        {
            if (_kinds[i] == KindNull)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(_values[i] != 0);
            }
        }

        column = builder.Build();
        return true;
    }

    private bool TryBuildInteger<T>(DataType type, long min, long max, out Column column)
        where T : unmanaged, System.Numerics.IBinaryInteger<T>
    {
        column = null!;
        if (_reals + _texts + _blobs > 0)
        {
            return false;
        }

        var builder = new PrimitiveColumnBuilder<T>(type, _length);
        for (var i = 0; i < _length; i++)
        {
            if (_kinds[i] == KindNull)
            {
                builder.AppendNull();
                continue;
            }

            var v = _values[i];
            if (v < min || v > max)
            {
                return false;
            }

            builder.Append(T.CreateTruncating(v));
        }

        column = builder.Build();
        return true;
    }

    private bool TryBuildUInt64(out Column column)
    {
        column = null!;
        if (_texts + _blobs > 0)
        {
            return false;
        }

        var builder = new PrimitiveColumnBuilder<ulong>(DataType.UInt64, _length);
        for (var i = 0; i < _length; i++)
        {
            switch (_kinds[i])
            {
                case KindNull:
                    builder.AppendNull();
                    break;
                case KindInteger:
                    if (_values[i] < 0)
                    {
                        return false;
                    }

                    builder.Append((ulong)_values[i]);
                    break;
                default:
                    var d = BitConverter.Int64BitsToDouble(_values[i]);
                    if (!(d >= 0 && d <= ulong.MaxValue) || d != Math.Floor(d))
                    {
                        return false;
                    }

                    builder.Append(d >= 18446744073709551615.0 ? ulong.MaxValue : (ulong)d);
                    break;
            }
        }

        column = builder.Build();
        return true;
    }

    private bool TryBuildFloat<T>(DataType type, Func<double, T> convert, out Column column)
        where T : unmanaged
    {
        column = null!;
        if (_texts + _blobs > 0)
        {
            return false;
        }

        var builder = new PrimitiveColumnBuilder<T>(type, _length);
        for (var i = 0; i < _length; i++)
        {
            switch (_kinds[i])
            {
                case KindNull:
                    builder.AppendNull();
                    break;
                case KindInteger:
                    builder.Append(convert(_values[i]));
                    break;
                default:
                    builder.Append(convert(BitConverter.Int64BitsToDouble(_values[i])));
                    break;
            }
        }

        column = builder.Build();
        return true;
    }

    private bool TryBuildString(out Column column)
    {
        column = null!;
        if (_blobs > 0)
        {
            return false;
        }

        var builder = new StringColumnBuilder(_length, _dataLength);
        Span<byte> number = stackalloc byte[32];
        for (var i = 0; i < _length; i++)
        {
            switch (_kinds[i])
            {
                case KindNull:
                    builder.AppendNull();
                    break;
                case KindText:
                    builder.Append(Slice(_values[i]));
                    break;
                case KindInteger:
                    _values[i].TryFormat(number, out var n, default, CultureInfo.InvariantCulture);
                    builder.Append(number[..n]);
                    break;
                default:
                    BitConverter.Int64BitsToDouble(_values[i]).TryFormat(number, out var m, "R", CultureInfo.InvariantCulture);
                    builder.Append(number[..m]);
                    break;
            }
        }

        column = builder.Build();
        return true;
    }

    private bool TryBuildBinary(out Column column)
    {
        column = null!;
        if (_integers + _reals > 0)
        {
            return false;
        }

        var builder = new BinaryColumnBuilder(_length, _dataLength);
        for (var i = 0; i < _length; i++)
        {
            if (_kinds[i] == KindNull)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(Slice(_values[i]));
            }
        }

        column = builder.Build();
        return true;
    }

    private bool TryBuildDate(out Column column)
    {
        column = null!;
        if (_integers + _reals + _blobs > 0)
        {
            return false;
        }

        var builder = new PrimitiveColumnBuilder<int>(DataType.Date, _length);
        Span<char> chars = stackalloc char[64];
        for (var i = 0; i < _length; i++)
        {
            if (_kinds[i] == KindNull)
            {
                builder.AppendNull();
                continue;
            }

            if (!TryDecodeShort(Slice(_values[i]), chars, out var text) || !SqliteText.TryParseDate(text, out var date))
            {
                return false;
            }

            builder.Append(TemporalConversions.ToDays(date));
        }

        column = builder.Build();
        return true;
    }

    private bool TryBuildTimestamp(TimestampType type, out Column column)
    {
        column = null!;
        if (_integers + _reals + _blobs > 0)
        {
            return false;
        }

        var builder = new PrimitiveColumnBuilder<long>(type, _length);
        Span<char> chars = stackalloc char[64];
        var kind = type.TimeZone is null ? DateTimeKind.Unspecified : DateTimeKind.Utc;
        for (var i = 0; i < _length; i++)
        {
            if (_kinds[i] == KindNull)
            {
                builder.AppendNull();
                continue;
            }

            if (!TryDecodeShort(Slice(_values[i]), chars, out var text) || !SqliteText.TryParseDateTime(text, out var dt))
            {
                return false;
            }

            builder.Append(TemporalConversions.ToTimestamp(DateTime.SpecifyKind(dt, kind), type));
        }

        column = builder.Build();
        return true;
    }

    private bool TryBuildDecimal(DecimalType type, out Column column)
    {
        column = null!;
        if (_blobs > 0)
        {
            return false;
        }

        var builder = new DecimalColumnBuilder(type, _length);
        Span<char> chars = stackalloc char[64];
        for (var i = 0; i < _length; i++)
        {
            decimal value;
            switch (_kinds[i])
            {
                case KindNull:
                    builder.AppendNull();
                    continue;
                case KindInteger:
                    value = _values[i];
                    break;
                case KindReal:
                    var d = BitConverter.Int64BitsToDouble(_values[i]);
                    if (!double.IsFinite(d) || Math.Abs(d) >= 7.9e28)
                    {
                        return false;
                    }

                    value = (decimal)d;
                    break;
                default:
                    if (!TryDecodeShort(Slice(_values[i]), chars, out var text)
                        || !decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                    {
                        return false;
                    }

                    break;
            }

            try
            {
                builder.Append(Math.Round(value, type.Scale, MidpointRounding.ToEven));
            }
            catch (Exception e) when (e is OverflowException or ArgumentException or InvalidCastException)
            {
                return false;
            }
        }

        column = builder.Build();
        return true;
    }

    private static bool TryDecodeShort(ReadOnlySpan<byte> utf8, Span<char> chars, out ReadOnlySpan<char> text)
    {
        if (Encoding.UTF8.TryGetChars(utf8, chars, out var n))
        {
            text = chars[..n];
            return true;
        }

        text = default;
        return false;
    }

    private long AppendData(ReadOnlySpan<byte> bytes)
    {
        var start = _dataLength;
        if (_data.Length - start < bytes.Length)
        {
            var size = Math.Max(Math.Max(1024, _data.Length * 2), start + bytes.Length);
            if ((uint)size > Array.MaxLength)
            {
                throw new FugueSqlException($"result column '{Name}' holds more than {Array.MaxLength} bytes of text or blobs");
            }

            Array.Resize(ref _data, size);
        }

        bytes.CopyTo(_data.AsSpan(start));
        _dataLength += bytes.Length;
        return ((long)start << 32) | (uint)bytes.Length;
    }

    private ReadOnlySpan<byte> Slice(long packed) => _data.AsSpan((int)(packed >> 32), (int)(uint)packed);
}
