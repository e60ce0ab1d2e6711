namespace Hemi.EndToEnd.Tests.Infrastructure;

/// <summary>0x-prefixed hex as JSON-RPC writes it.</summary>
internal static class Hex
{
    public static string Prefixed(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    public static byte[] Decode(string hex) =>
        Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex);
}
