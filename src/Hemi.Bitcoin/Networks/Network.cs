using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;
using Hemi.Bitcoin.Headers;

namespace Hemi.Bitcoin;

/// <summary>
/// Consensus and encoding parameters of one Bitcoin chain (the values of Bitcoin Core's chainparams).
/// </summary>
public sealed class Network
{
    /// <summary>Bitcoin mainnet ("main").</summary>
    public static readonly Network Mainnet = new(
        NetworkKind.Mainnet,
        "main",
        new BlockHeader(1, Hash256.Zero, Hash256.Parse(SatoshiGenesisMerkleRoot), 1231006505, 0x1d00ffff, 2083236893),
        powLimitBits: 0x1d00ffff,
        powLimitHex: "00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        allowMinDifficultyBlocks: false,
        enforceBip94: false,
        powNoRetargeting: false,
        pubKeyHashPrefix: 0x00,
        scriptHashPrefix: 0x05,
        secretKeyPrefix: 0x80,
        bech32Hrp: "bc",
        magic: 0xD9B4BEF9,
        defaultPort: 8333,
        bip34Height: 227931,
        bip66Height: 363725,
        bip65Height: 388381);

    /// <summary>Bitcoin testnet3 ("test"), with the 20-minute minimum-difficulty rule.</summary>
    public static readonly Network Testnet3 = new(
        NetworkKind.Testnet3,
        "test",
        new BlockHeader(1, Hash256.Zero, Hash256.Parse(SatoshiGenesisMerkleRoot), 1296688602, 0x1d00ffff, 414098458),
        powLimitBits: 0x1d00ffff,
        powLimitHex: "00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        allowMinDifficultyBlocks: true,
        enforceBip94: false,
        powNoRetargeting: false,
        pubKeyHashPrefix: 0x6f,
        scriptHashPrefix: 0xc4,
        secretKeyPrefix: 0xef,
        bech32Hrp: "tb",
        magic: 0x0709110B,
        defaultPort: 18333,
        bip34Height: 21111,
        bip66Height: 330776,
        bip65Height: 581885);

    /// <summary>Bitcoin testnet4 ("testnet4", BIP94).</summary>
    public static readonly Network Testnet4 = new(
        NetworkKind.Testnet4,
        "testnet4",
        new BlockHeader(1, Hash256.Zero, Hash256.Parse("7aa0a7ae1e223414cb807e40cd57e667b718e42aaf9306db9102fe28912b7b4e"), 1714777860, 0x1d00ffff, 393743547),
        powLimitBits: 0x1d00ffff,
        powLimitHex: "00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        allowMinDifficultyBlocks: true,
        enforceBip94: true,
        powNoRetargeting: false,
        pubKeyHashPrefix: 0x6f,
        scriptHashPrefix: 0xc4,
        secretKeyPrefix: 0xef,
        bech32Hrp: "tb",
        magic: 0x283F161C,
        defaultPort: 48333,
        bip34Height: 1,
        bip66Height: 1,
        bip65Height: 1);

    /// <summary>The default Bitcoin signet ("signet"). Block signatures (the signet challenge) are not checked here.</summary>
    public static readonly Network Signet = new(
        NetworkKind.Signet,
        "signet",
        new BlockHeader(1, Hash256.Zero, Hash256.Parse(SatoshiGenesisMerkleRoot), 1598918400, 0x1e0377ae, 52613770),
        powLimitBits: 0x1e0377ae,
        powLimitHex: "00000377ae000000000000000000000000000000000000000000000000000000",
        allowMinDifficultyBlocks: false,
        enforceBip94: false,
        powNoRetargeting: false,
        pubKeyHashPrefix: 0x6f,
        scriptHashPrefix: 0xc4,
        secretKeyPrefix: 0xef,
        bech32Hrp: "tb",
        magic: 0x40CF030A,
        defaultPort: 38333,
        bip34Height: 1,
        bip66Height: 1,
        bip65Height: 1);

    /// <summary>Local regression-test chain ("regtest"): trivial proof of work, no retargeting.</summary>
    public static readonly Network Regtest = new(
        NetworkKind.Regtest,
        "regtest",
        new BlockHeader(1, Hash256.Zero, Hash256.Parse(SatoshiGenesisMerkleRoot), 1296688602, 0x207fffff, 2),
        powLimitBits: 0x207fffff,
        powLimitHex: "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        allowMinDifficultyBlocks: true,
        enforceBip94: false,
        powNoRetargeting: true,
        pubKeyHashPrefix: 0x6f,
        scriptHashPrefix: 0xc4,
        secretKeyPrefix: 0xef,
        bech32Hrp: "bcrt",
        magic: 0xDAB5BFFA,
        defaultPort: 18444,
        bip34Height: 1,
        bip66Height: 1,
        bip65Height: 1);

    // Merkle root of the single coinbase in Satoshi's genesis block, shared by main, testnet3, signet and regtest.
    private const string SatoshiGenesisMerkleRoot = "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b";

    private static readonly Network[] s_all = [Mainnet, Testnet3, Testnet4, Signet, Regtest];

    private readonly byte _pubKeyHashPrefix;
    private readonly byte _scriptHashPrefix;
    private readonly byte _secretKeyPrefix;

    private Network(
        NetworkKind kind,
        string name,
        BlockHeader genesis,
        uint powLimitBits,
        string powLimitHex,
        bool allowMinDifficultyBlocks,
        bool enforceBip94,
        bool powNoRetargeting,
        byte pubKeyHashPrefix,
        byte scriptHashPrefix,
        byte secretKeyPrefix,
        string bech32Hrp,
        uint magic,
        int defaultPort,
        int bip34Height,
        int bip66Height,
        int bip65Height)
    {
        Kind = kind;
        Name = name;
        GenesisHeader = genesis;
        GenesisHash = genesis.GetHash();
        PowLimitBits = powLimitBits;
        PowLimit = BigInteger.Parse("0" + powLimitHex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        PowLimitValue = UInt256.FromBigInteger(PowLimit);
        AllowMinDifficultyBlocks = allowMinDifficultyBlocks;
        EnforceBip94 = enforceBip94;
        PowNoRetargeting = powNoRetargeting;
        _pubKeyHashPrefix = pubKeyHashPrefix;
        _scriptHashPrefix = scriptHashPrefix;
        _secretKeyPrefix = secretKeyPrefix;
        Bech32Hrp = bech32Hrp;
        Magic = magic;
        DefaultPort = defaultPort;
        Bip34Height = bip34Height;
        Bip66Height = bip66Height;
        Bip65Height = bip65Height;
    }

    public NetworkKind Kind { get; }

    /// <summary>Bitcoin Core's chain name: "main", "test", "testnet4", "signet" or "regtest".</summary>
    public string Name { get; }

    public BlockHeader GenesisHeader { get; }

    public Hash256 GenesisHash { get; }

    /// <summary>The easiest allowed target.</summary>
    public BigInteger PowLimit { get; }

    /// <summary><see cref="PowLimit"/> as a <see cref="UInt256"/> (no allocation when comparing).</summary>
    public UInt256 PowLimitValue { get; }

    /// <summary><see cref="PowLimit"/> in compact form (the bits of a minimum-difficulty block).</summary>
    public uint PowLimitBits { get; }

    /// <summary>Length of a difficulty period in time (two weeks).</summary>
    public TimeSpan PowTargetTimespan { get; } = TimeSpan.FromDays(14);

    /// <summary>Intended time between blocks (ten minutes).</summary>
    public TimeSpan PowTargetSpacing { get; } = TimeSpan.FromMinutes(10);

    /// <summary>Blocks per difficulty period (2016).</summary>
    public int DifficultyAdjustmentInterval => (int)(PowTargetTimespan.Ticks / PowTargetSpacing.Ticks);

    /// <summary>Testnet rule: a block more than 20 minutes after its parent may use the minimum difficulty.</summary>
    public bool AllowMinDifficultyBlocks { get; }

    /// <summary>BIP94 (testnet4): retarget from the period's first block and forbid the time-warp at period boundaries.</summary>
    public bool EnforceBip94 { get; }

    /// <summary>Difficulty never changes (regtest).</summary>
    public bool PowNoRetargeting { get; }

    /// <summary>Height from which BIP34 requires the coinbase to start with the block height.</summary>
    public int Bip34Height { get; }

    /// <summary>Height from which BIP66 (strict DER) is active; headers below version 3 are rejected from here.</summary>
    public int Bip66Height { get; }

    /// <summary>Height from which BIP65 (CHECKLOCKTIMEVERIFY) is active; headers below version 4 are rejected from here.</summary>
    public int Bip65Height { get; }

    /// <summary>Base58Check version bytes of a P2PKH address.</summary>
    public byte[] Base58PubKeyHashPrefix => [_pubKeyHashPrefix];

    /// <summary>Base58Check version bytes of a P2SH address.</summary>
    public byte[] Base58ScriptHashPrefix => [_scriptHashPrefix];

    /// <summary>Base58Check version bytes of a WIF private key.</summary>
    public byte[] Base58SecretKeyPrefix => [_secretKeyPrefix];

    /// <summary>Human-readable part of segwit addresses.</summary>
    public string Bech32Hrp { get; }

    /// <summary>P2P message start as a little-endian uint: writing it little-endian gives the wire bytes (f9 be b4 d9 on mainnet).</summary>
    public uint Magic { get; }

    public int DefaultPort { get; }

    /// <summary>All known networks.</summary>
    public static IReadOnlyList<Network> All => s_all;

    public static Network Get(NetworkKind kind) => kind switch
    {
        NetworkKind.Mainnet => Mainnet,
        NetworkKind.Testnet3 => Testnet3,
        NetworkKind.Testnet4 => Testnet4,
        NetworkKind.Signet => Signet,
        NetworkKind.Regtest => Regtest,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Looks a network up by Bitcoin Core chain name (case-insensitive; "mainnet", "testnet" and "testnet3" are accepted too).</summary>
    public static bool TryGetByName(string? name, [NotNullWhen(true)] out Network? network)
    {
        network = name?.ToLowerInvariant() switch
        {
            "main" or "mainnet" or "bitcoin" => Mainnet,
            "test" or "testnet" or "testnet3" => Testnet3,
            "testnet4" => Testnet4,
            "signet" => Signet,
            "regtest" => Regtest,
            _ => null,
        };
        return network is not null;
    }

    public override string ToString() => Name;
}
