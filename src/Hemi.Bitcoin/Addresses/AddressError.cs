namespace Hemi.Bitcoin.Addresses;

/// <summary>Why an address, Base58, Bech32 or WIF string was rejected.</summary>
public enum AddressError
{
    /// <summary>A character outside the encoding's alphabet.</summary>
    InvalidCharacter,
    /// <summary>The Base58Check or Bech32 checksum does not match.</summary>
    InvalidChecksum,
    /// <summary>The whole string is shorter than the encoding allows.</summary>
    TooShort,
    /// <summary>The string (or the data it would encode) exceeds the length limit.</summary>
    ExceedsLengthLimit,
    /// <summary>Bech32 string mixing upper and lower case.</summary>
    MixedCase,
    /// <summary>Bech32 string without the '1' separator.</summary>
    NoSeparator,
    /// <summary>Bech32 string whose human-readable part is empty.</summary>
    MissingPrefix,
    /// <summary>Bech32 human-readable part with a character outside 33..126, or a prefix not valid for the network.</summary>
    InvalidPrefix,
    /// <summary>Bech32 data part shorter than the 6-character checksum.</summary>
    DataTooShort,
    /// <summary>A value given to the encoder is not a 5-bit word.</summary>
    InvalidWord,
    /// <summary>Regrouping 5-bit words into bytes left more than 4 bits of padding.</summary>
    ExcessPadding,
    /// <summary>Regrouping 5-bit words into bytes left non-zero padding bits.</summary>
    NonZeroPadding,
    /// <summary>The segwit address uses Bech32 where Bech32m is required or vice versa (BIP350).</summary>
    WrongEncoding,
    /// <summary>Witness version above 16 or program length outside the allowed range.</summary>
    InvalidWitnessProgram,
    /// <summary>The Base58 version prefix is not one the network uses for this kind of string.</summary>
    UnknownVersion,
    /// <summary>The decoded payload has the wrong length for its kind.</summary>
    InvalidLength,
    /// <summary>The script has no address form.</summary>
    NoAddressForScript,
}
