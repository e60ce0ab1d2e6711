using System.Diagnostics.CodeAnalysis;
using Hemi.Bitcoin.Scripts;

namespace Hemi.Bitcoin.Addresses;

/// <summary>Converts between address strings and output scripts for a network (Base58Check P2PKH/P2SH, BIP173/BIP350 segwit).</summary>
public static class BitcoinAddress
{
    private const int Hash160Length = 20;

    /// <summary>Decodes an address valid on <paramref name="network"/> to its scriptPubKey; throws <see cref="AddressFormatException"/>.</summary>
    public static byte[] Parse(string address, Network network)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(network);
        if (TryParseBase58(address, network, out var script, out var base58Error))
        {
            return script;
        }

        // Base58 alphabet excludes '0', 'O', 'I', 'l' but Bech32 always has the '1' separator, so try Bech32 only when Base58 failed.
        if (address.Contains('1', StringComparison.Ordinal) && !(base58Error is { Error: AddressError.UnknownVersion or AddressError.InvalidLength }))
        {
            return ParseSegwit(address, network);
        }

        throw base58Error!;
    }

    /// <summary>Non-throwing form of <see cref="Parse"/>.</summary>
    public static bool TryParse(string? address, Network network, [NotNullWhen(true)] out byte[]? scriptPubKey)
    {
        scriptPubKey = null;
        if (address is null)
        {
            return false;
        }

        try
        {
            scriptPubKey = Parse(address, network);
            return true;
        }
        catch (AddressFormatException)
        {
            return false;
        }
    }

    /// <summary>Formats the address of a P2PKH, P2SH or witness-program output script; throws <see cref="AddressFormatException"/> for other scripts.</summary>
    public static string FromScriptPubKey(byte[] scriptPubKey, Network network) => FromScriptPubKey(scriptPubKey.AsSpan(), network);

    /// <summary>Formats the address of an output script.</summary>
    public static string FromScriptPubKey(ReadOnlySpan<byte> scriptPubKey, Network network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (ScriptTemplates.IsPayToPubKeyHash(scriptPubKey))
        {
            return EncodeBase58(network.Base58PubKeyHashPrefix, scriptPubKey.Slice(3, Hash160Length));
        }

        if (ScriptTemplates.IsPayToScriptHash(scriptPubKey))
        {
            return EncodeBase58(network.Base58ScriptHashPrefix, scriptPubKey.Slice(2, Hash160Length));
        }

        if (ScriptTemplates.TryGetWitnessProgram(scriptPubKey, out int version, out var program)
            && !(version == 0 && program.Length is not (20 or 32)))
        {
            return EncodeSegwit(network.Bech32Hrp, version, program);
        }

        throw new AddressFormatException(AddressError.NoAddressForScript, "The script has no address form.");
    }

    /// <summary>Non-throwing form of <see cref="FromScriptPubKey(ReadOnlySpan{byte}, Network)"/>.</summary>
    public static bool TryFromScriptPubKey(ReadOnlySpan<byte> scriptPubKey, Network network, [NotNullWhen(true)] out string? address)
    {
        try
        {
            address = FromScriptPubKey(scriptPubKey, network);
            return true;
        }
        catch (AddressFormatException)
        {
            address = null;
            return false;
        }
    }

    /// <summary>Encodes a segwit address: Bech32 for version 0, Bech32m for 1..16 (BIP350).</summary>
    public static string EncodeSegwit(string hrp, int version, ReadOnlySpan<byte> program)
    {
        if (version is < 0 or > 16 || program.Length is < 2 or > 40 || (version == 0 && program.Length is not (20 or 32)))
        {
            throw new AddressFormatException(AddressError.InvalidWitnessProgram, "Invalid witness version or program length.");
        }

        var programWords = Bech32.ToWords(program);
        var words = new byte[programWords.Length + 1];
        words[0] = (byte)version;
        programWords.CopyTo(words, 1);
        return Bech32.Encode(hrp, words, version == 0 ? Bech32Encoding.Bech32 : Bech32Encoding.Bech32m);
    }

    /// <summary>Decodes a segwit address with the expected prefix into its witness program.</summary>
    public static WitnessProgram DecodeSegwit(string address, string expectedHrp)
    {
        var decoded = Bech32.Decode(address, Bech32.DefaultLimit);
        if (!string.Equals(decoded.Hrp, expectedHrp, StringComparison.Ordinal))
        {
            throw new AddressFormatException(AddressError.InvalidPrefix, "Address prefix does not belong to this network.");
        }

        if (decoded.Words.Length == 0)
        {
            throw new AddressFormatException(AddressError.InvalidWitnessProgram, "Segwit address has no witness version.");
        }

        int version = decoded.Words[0];
        if (version > 16)
        {
            throw new AddressFormatException(AddressError.InvalidWitnessProgram, "Witness version above 16.");
        }

        var required = version == 0 ? Bech32Encoding.Bech32 : Bech32Encoding.Bech32m;
        if (decoded.Encoding != required)
        {
            throw new AddressFormatException(AddressError.WrongEncoding, $"Witness version {version} requires {required}.");
        }

        var program = Bech32.FromWords(decoded.Words.AsSpan(1));
        if (program.Length is < 2 or > 40 || (version == 0 && program.Length is not (20 or 32)))
        {
            throw new AddressFormatException(AddressError.InvalidWitnessProgram, "Invalid witness program length.");
        }

        return new WitnessProgram(version, program);
    }

    private static byte[] ParseSegwit(string address, Network network) =>
        DecodeSegwit(address, network.Bech32Hrp).ToScriptPubKey();

    private static bool TryParseBase58(string address, Network network, [NotNullWhen(true)] out byte[]? script, out AddressFormatException? error)
    {
        script = null;
        error = null;
        byte[] payload;
        try
        {
            payload = Base58Check.Decode(address, 64);
        }
        catch (AddressFormatException ex)
        {
            error = ex;
            return false;
        }

        var pubKeyPrefix = network.Base58PubKeyHashPrefix;
        var scriptPrefix = network.Base58ScriptHashPrefix;
        if (payload.Length == pubKeyPrefix.Length + Hash160Length && payload.AsSpan().StartsWith(pubKeyPrefix))
        {
            script = ScriptTemplates.PayToPubKeyHash(payload.AsSpan(pubKeyPrefix.Length));
            return true;
        }

        if (payload.Length == scriptPrefix.Length + Hash160Length && payload.AsSpan().StartsWith(scriptPrefix))
        {
            script = ScriptTemplates.PayToScriptHash(payload.AsSpan(scriptPrefix.Length));
            return true;
        }

        bool knownPrefix = payload.AsSpan().StartsWith(pubKeyPrefix) || payload.AsSpan().StartsWith(scriptPrefix);
        error = knownPrefix
            ? new AddressFormatException(AddressError.InvalidLength, "Base58 address payload has the wrong length.")
            : new AddressFormatException(AddressError.UnknownVersion, "Base58 address version is not used by this network.");
        return false;
    }

    private static string EncodeBase58(byte[] prefix, ReadOnlySpan<byte> hash)
    {
        Span<byte> payload = stackalloc byte[prefix.Length + hash.Length];
        prefix.CopyTo(payload);
        hash.CopyTo(payload[prefix.Length..]);
        return Base58Check.Encode(payload);
    }
}
