using System.Numerics;

namespace Hemi.Ethereum.Tests.Abi;

/// <summary>Helpers for ABI tests: hex literals written as words, and structural comparison of decoded values.</summary>
internal static class AbiTestSupport
{
    /// <summary>Hex with optional 0x, whitespace and line breaks ignored.</summary>
    public static byte[] Hex(string text)
    {
        var compact = string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
        if (compact.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            compact = compact[2..];
        }

        return Convert.FromHexString(compact);
    }

    /// <summary>A 32-byte big-endian word holding a small number.</summary>
    public static string Word(long value) => value.ToString("x64", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A word holding ASCII text, right-padded.</summary>
    public static string TextWord(string text) => Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(text)).PadRight(64, '0');

    public static bool DeepEquals(object? expected, object? actual) => (expected, actual) switch
    {
        (null, null) => true,
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        (object?[] a, object?[] b) => a.Length == b.Length && a.Zip(b).All(p => DeepEquals(p.First, p.Second)),
        (BigInteger a, BigInteger b) => a == b,
        _ => Equals(expected, actual),
    };

    public static void AssertDeepEqual(object? expected, object? actual) =>
        Assert.True(DeepEquals(expected, actual), $"Expected {Show(expected)} but got {Show(actual)}.");

    public static string Show(object? value) => value switch
    {
        null => "null",
        byte[] bytes => "0x" + Convert.ToHexStringLower(bytes),
        object?[] list => "[" + string.Join(", ", list.Select(Show)) + "]",
        string text => "\"" + text + "\"",
        _ => value.ToString() ?? string.Empty,
    };
}
