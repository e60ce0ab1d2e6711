namespace Hemi.Bitcoin.Addresses;

/// <summary>A Base58, Base58Check, Bech32/Bech32m, address or WIF string that cannot be decoded (or data that cannot be encoded).</summary>
public sealed class AddressFormatException : BitcoinFormatException
{
    /// <summary>Creates the exception with its reason.</summary>
    public AddressFormatException(AddressError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>The machine-readable reason.</summary>
    public AddressError Error { get; }
}
