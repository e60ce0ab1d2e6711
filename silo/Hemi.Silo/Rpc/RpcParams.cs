using System.Numerics;
using System.Text.Json;
using Hemi.Ethereum;

namespace Hemi.Silo.Rpc;

/// <summary>
/// The positional parameters of one call, with typed readers that turn every malformed value into a -32602 error
/// naming the argument (geth's "invalid argument N: …").
/// </summary>
public sealed class RpcParams
{
    private readonly JsonElement[] _items;

    private RpcParams(JsonElement[] items)
    {
        _items = items;
    }

    public int Count => _items.Length;

    /// <summary>Absent params mean none; otherwise they must be an array (named parameters are not supported, as in geth).</summary>
    public static RpcParams From(JsonElement? parameters)
    {
        if (parameters is not { } p || p.ValueKind == JsonValueKind.Null)
        {
            return new RpcParams([]);
        }

        if (p.ValueKind != JsonValueKind.Array)
        {
            throw JsonRpcException.InvalidParams("non-array args: params must be an array");
        }

        return new RpcParams([.. p.EnumerateArray()]);
    }

    public static RpcParams Of(params JsonElement[] items) => new(items);

    /// <summary>Checks the count: at least <paramref name="min"/>, at most <paramref name="max"/>.</summary>
    public void Expect(int min, int max)
    {
        if (_items.Length < min)
        {
            throw JsonRpcException.InvalidParams($"missing value for required argument {_items.Length}");
        }

        if (_items.Length > max)
        {
            throw JsonRpcException.InvalidParams($"too many arguments, want at most {max}");
        }
    }

    /// <summary>Whether argument <paramref name="index"/> is given and not JSON null.</summary>
    public bool Has(int index) => index < _items.Length && _items[index].ValueKind != JsonValueKind.Null;

    public JsonElement Element(int index)
    {
        if (!Has(index))
        {
            throw JsonRpcException.InvalidParams($"missing value for required argument {index}");
        }

        return _items[index];
    }

    public string String(int index)
    {
        var e = Element(index);
        if (e.ValueKind != JsonValueKind.String)
        {
            throw Invalid(index, $"expected a string, got {Describe(e)}");
        }

        return e.GetString()!;
    }

    public ulong UInt64(int index) => Read(index, RpcHex.ParseUInt64);

    public BigInteger UInt256(int index) => Read(index, RpcHex.ParseUInt256);

    public Address Address(int index) => Read(index, RpcHex.ParseAddress);

    public Hash32 Hash(int index) => Read(index, RpcHex.ParseHash);

    public byte[] Data(int index, int maxBytes) => Read(index, s => RpcHex.ParseData(s, maxBytes));

    public bool Bool(int index)
    {
        var e = Element(index);
        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(index, $"expected a boolean, got {Describe(e)}"),
        };
    }

    /// <summary>An integer given as a JSON number or a hex quantity (geth accepts both for counts).</summary>
    public int SmallInteger(int index, int min, int max)
    {
        var e = Element(index);
        long value;
        if (e.ValueKind == JsonValueKind.Number)
        {
            if (!e.TryGetInt64(out value))
            {
                throw Invalid(index, "expected an integer");
            }
        }
        else if (e.ValueKind == JsonValueKind.String)
        {
            var parsed = Read(index, RpcHex.ParseUInt64);
            value = parsed > long.MaxValue ? long.MaxValue : (long)parsed;
        }
        else
        {
            throw Invalid(index, $"expected a number, got {Describe(e)}");
        }

        if (value < min || value > max)
        {
            throw Invalid(index, $"must be between {min} and {max}, got {value}");
        }

        return (int)value;
    }

    /// <summary>A block parameter; <paramref name="fallback"/> when absent or null.</summary>
    public BlockSelector Block(int index, BlockSelector fallback)
    {
        if (!Has(index))
        {
            return fallback;
        }

        try
        {
            return BlockSelector.Parse(_items[index]);
        }
        catch (RpcHexFormatException e)
        {
            throw Invalid(index, e.Message);
        }
    }

    public JsonElement Object(int index)
    {
        var e = Element(index);
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(index, $"expected an object, got {Describe(e)}");
        }

        return e;
    }

    public static JsonRpcException Invalid(int index, string message) =>
        JsonRpcException.InvalidParams($"invalid argument {index}: {message}");

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private T Read<T>(int index, Func<string, T> parse)
    {
        var e = Element(index);
        if (e.ValueKind != JsonValueKind.String)
        {
            throw Invalid(index, $"expected a hex string, got {Describe(e)}");
        }

        try
        {
            return parse(e.GetString()!);
        }
        catch (RpcHexFormatException ex)
        {
            throw Invalid(index, ex.Message);
        }
    }
}
