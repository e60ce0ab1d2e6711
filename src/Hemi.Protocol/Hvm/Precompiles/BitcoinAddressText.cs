using System.Text;

namespace Hemi.Protocol.Hvm.Precompiles;

/// <summary>Bounds and checks for the ASCII Bitcoin addresses the precompiles take, before any decoding is attempted.</summary>
public static class BitcoinAddressText
{
    /// <summary>hVM's <c>MIN_BTC_ADDRESS_LENGTH</c>: shorter inputs are rejected outright.</summary>
    public const int MinLength = 24;

    /// <summary>BIP-173 caps a bech32 string at 90 characters; every Base58 address is shorter.</summary>
    public const int MaxLength = 90;

    /// <summary>The address in <paramref name="bytes"/> after checking its length and that it is printable ASCII.</summary>
    /// <exception cref="HvmFormatException">Out of bounds or not printable ASCII.</exception>
    public static string Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < MinLength || bytes.Length > MaxLength)
        {
            throw new HvmFormatException($"A Bitcoin address is {MinLength}–{MaxLength} ASCII bytes, got {bytes.Length}.");
        }

        foreach (var b in bytes)
        {
            if (b is < 0x21 or > 0x7E)
            {
                throw new HvmFormatException($"A Bitcoin address is printable ASCII; found byte 0x{b:x2}.");
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }

    internal static void Validate(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length < MinLength || address.Length > MaxLength || address.Any(c => c is < '!' or > '~'))
        {
            throw new ArgumentException($"A Bitcoin address is {MinLength}–{MaxLength} printable ASCII characters.", nameof(address));
        }
    }
}
