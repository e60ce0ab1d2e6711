namespace Hemi.Bitcoin.Addresses;

/// <summary>A decoded Bech32/Bech32m string: lower-case human-readable part, 5-bit data words (checksum removed) and the checksum variant.</summary>
public sealed record Bech32String(string Hrp, byte[] Words, Bech32Encoding Encoding);
