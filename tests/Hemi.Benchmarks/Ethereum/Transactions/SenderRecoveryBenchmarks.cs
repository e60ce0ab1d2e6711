using System.Numerics;
using BenchmarkDotNet.Attributes;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum;
using Hemi.Ethereum.Transactions;

namespace Hemi.Benchmarks.Ethereum.Transactions;

/// <summary>
/// Sender recovery of signed EIP-1559 transactions from their wire bytes (decode + signing hash + validation +
/// public-key recovery + address) against a bare libsecp256k1 compact verify of the same hashes and signatures
/// through the same binding (the baseline). Each invocation processes <see cref="Count"/> distinct transactions.
/// </summary>
[MemoryDiagnoser]
public class SenderRecoveryBenchmarks
{
    private const int Count = 64;
    private const ulong ChainId = 743111;

    private byte[][] _encoded = [];
    private byte[][] _hashes = [];
    private byte[][] _signatures = [];
    private int[] _recoveryIds = [];
    private PublicKey[] _publicKeys = [];

    [GlobalSetup]
    public void Setup()
    {
        _encoded = new byte[Count][];
        _hashes = new byte[Count][];
        _signatures = new byte[Count][];
        _recoveryIds = new int[Count];
        _publicKeys = new PublicKey[Count];
        for (var i = 0; i < Count; i++)
        {
            var secret = new byte[32];
            secret[31] = (byte)(i + 1);
            secret[0] = 0x42;
            using var key = PrivateKey.FromBytes(secret);
            var tx = new DynamicFeeTransaction
            {
                ChainId = ChainId,
                Nonce = (ulong)i,
                MaxPriorityFeePerGas = 1_000_000_000,
                MaxFeePerGas = 40_000_000_000,
                GasLimit = 60_000,
                To = Address.Parse("0x3535353535353535353535353535353535353535"),
                Value = BigInteger.Pow(10, 17) * (i + 1),
                Data = Enumerable.Range(0, 68).Select(b => (byte)(b * i)).ToArray(),
            };
            var signed = tx.Sign(key);
            var signature = signed.Signature!;
            _encoded[i] = signed.Encode();
            _hashes[i] = signed.GetSigningHash().ToBytes();
            _signatures[i] = new byte[64];
            signature.R.TryWriteBytes(_signatures[i].AsSpan(32 - signature.R.GetByteCount(true), signature.R.GetByteCount(true)), out _, true, true);
            signature.S.TryWriteBytes(_signatures[i].AsSpan(64 - signature.S.GetByteCount(true), signature.S.GetByteCount(true)), out _, true, true);
            _recoveryIds[i] = (int)signature.V;
            _publicKeys[i] = key.PublicKey;
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public int EcdsaVerifyCompact()
    {
        var ok = 0;
        for (var i = 0; i < Count; i++)
        {
            ok += Ecdsa.VerifyCompact(_publicKeys[i], _hashes[i], _signatures[i]) ? 1 : 0;
        }

        return ok;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int EcdsaRecoverOnly()
    {
        var ok = 0;
        for (var i = 0; i < Count; i++)
        {
            ok += Ecdsa.TryRecover(_hashes[i], _signatures[i], _recoveryIds[i], out _) ? 1 : 0;
        }

        return ok;
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public int DecodeAndRecoverSender()
    {
        var hash = 0;
        for (var i = 0; i < Count; i++)
        {
            hash ^= EthereumTransaction.Decode(_encoded[i]).RecoverSender(ChainId).GetHashCode();
        }

        return hash;
    }
}
