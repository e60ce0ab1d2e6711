namespace Hemi.Bitcoin;

/// <summary>The Bitcoin chains this library knows the parameters of.</summary>
public enum NetworkKind
{
    Mainnet,
    Testnet3,
    Testnet4,
    Signet,
    Regtest,
}
