using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;

namespace Hemi.EndToEnd.Tests.Rpc;

/// <summary>JSON-RPC quantities ("0x1a").</summary>
internal static class Quantity
{
    public static string From(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string From(BigInteger value) =>
        value.IsZero ? "0x0" : "0x" + value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');

    public static ulong ToUInt64(JsonNode? node) => (ulong)ToBigInteger(node);

    public static BigInteger ToBigInteger(JsonNode? node)
    {
        var text = node?.GetValue<string>() ?? throw new FormatException("A quantity is missing.");
        if (!text.StartsWith("0x", StringComparison.Ordinal) || text.Length < 3)
        {
            throw new FormatException($"'{text}' is not a 0x quantity.");
        }

        return BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }
}
