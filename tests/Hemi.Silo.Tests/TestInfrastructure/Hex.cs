using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Hemi.Silo.Tests.TestInfrastructure;

/// <summary>Reads JSON-RPC hex values in tests.</summary>
public static class Hex
{
    public static ulong ULong(JsonElement e) => ulong.Parse(e.GetString()!.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    public static BigInteger Big(JsonElement e) => BigInteger.Parse("0" + e.GetString()![2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    public static byte[] Bytes(JsonElement e) => Convert.FromHexString(e.GetString()!.AsSpan(2));

    public static string Q(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);
}
