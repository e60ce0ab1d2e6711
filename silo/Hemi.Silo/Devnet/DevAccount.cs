using Hemi.Ethereum;

namespace Hemi.Silo.Devnet;

/// <summary>A development account: its index, private key (hex, no 0x) and address.</summary>
public sealed record DevAccount(int Index, string PrivateKeyHex, Address Address);
