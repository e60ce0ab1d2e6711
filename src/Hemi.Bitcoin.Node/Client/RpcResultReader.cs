using System.Globalization;
using System.Text.Json;

namespace Hemi.Bitcoin.Node.Client;

/// <summary>Typed reads of bitcoind result JSON; anything of the wrong shape becomes a <see cref="BitcoindResponseException"/>.</summary>
internal static class RpcResultReader
{
    public static JsonElement Property(JsonElement obj, string name, string method)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new BitcoindResponseException(method, "expected a JSON object");
        }

        return obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : throw new BitcoindResponseException(method, $"missing field '{name}'");
    }

    public static bool TryProperty(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public static string String(JsonElement value, string method, string what) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new BitcoindResponseException(method, $"{what} is not a string");

    public static long Int64(JsonElement value, string method, string what) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw new BitcoindResponseException(method, $"{what} is not an integer");

    public static int Int32(JsonElement value, string method, string what) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new BitcoindResponseException(method, $"{what} is not a 32-bit integer");

    public static uint UInt32(JsonElement value, string method, string what) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out var number)
            ? number
            : throw new BitcoindResponseException(method, $"{what} is not an unsigned 32-bit integer");

    public static bool Boolean(JsonElement value, string method, string what) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new BitcoindResponseException(method, $"{what} is not a boolean"),
    };

    public static Hash256 Hash(JsonElement value, string method, string what)
    {
        var text = String(value, method, what);
        return text.Length == 64 && Hash256.TryParse(text, out var hash)
            ? hash
            : throw new BitcoindResponseException(method, $"{what} is not a 64-digit hex hash");
    }

    public static byte[] Hex(JsonElement value, string method, string what)
    {
        var text = String(value, method, what);
        try
        {
            return Convert.FromHexString(text);
        }
        catch (FormatException ex)
        {
            throw new BitcoindResponseException(method, $"{what} is not hex", ex);
        }
    }

    public static uint HexUInt32(JsonElement value, string method, string what)
    {
        var text = String(value, method, what);
        return text.Length is > 0 and <= 8 && uint.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new BitcoindResponseException(method, $"{what} is not 32-bit hex");
    }

    /// <summary>A BTC amount (bitcoind prints 8 decimals) in satoshis.</summary>
    public static long Satoshis(JsonElement value, string method, string what)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var btc))
        {
            throw new BitcoindResponseException(method, $"{what} is not a number");
        }

        var satoshis = btc * 100_000_000m;
        if (satoshis != decimal.Truncate(satoshis) || satoshis < 0 || satoshis > 21_000_000m * 100_000_000m)
        {
            throw new BitcoindResponseException(method, $"{what} is not a valid BTC amount");
        }

        return (long)satoshis;
    }
}
