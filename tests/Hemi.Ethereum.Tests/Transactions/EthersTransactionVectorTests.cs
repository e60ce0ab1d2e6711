using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum.Transactions;

namespace Hemi.Ethereum.Tests.Transactions;

public sealed class EthersTransactionVectorTests
{
    private const string File = "ethers-testcases/transaction.json.gz";

    // ethers' generator serializes a missing chain id as 0 in the EIP-155 form and as 1 in the typed forms.
    private const ulong DefaultLegacyChainId = 0;
    private const ulong DefaultTypedChainId = 1;

    [VectorFact(File)]
    public void EveryCaseAndForm_SerializesSignsDecodesAndRecovers()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(File));
        var failures = new List<string>();
        var checkedForms = 0;
        var quirkForms = 0;
        foreach (var test in doc.RootElement.EnumerateArray())
        {
            var name = test.GetProperty("name").GetString()!;
            var fields = test.GetProperty("transaction");
            using var key = PrivateKey.FromBytes(Hex(test.GetProperty("privateKey").GetString()!));
            var expectedSender = Address.FromPublicKey(key.PublicKey);
            foreach (var (form, tx) in BuildForms(fields))
            {
                checkedForms++;
                var unsigned = Hex(test.GetProperty("unsigned" + form).GetString()!);
                var signed = Hex(test.GetProperty("signed" + form).GetString()!);
                string? error;
                if (tx is LegacyTransaction { ChainId: 0 })
                {
                    quirkForms++;
                    error = CheckZeroChainIdQuirk(tx, expectedSender, unsigned, signed);
                }
                else
                {
                    error = Check(tx, key, expectedSender, unsigned, signed);
                }

                if (error is not null)
                {
                    failures.Add($"{name}/{form}: {error}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures; first: {string.Join(" | ", failures.Take(5))}");
        Assert.Equal(896 * 4, checkedForms);
        Assert.True(quirkForms < 450, $"{quirkForms} forms took the chain-id-0 path");
    }

    /// <summary>
    /// ethers writes EIP-155 chain id 0 as the non-canonical RLP byte 0x00 instead of 0x80 in the signing
    /// payload, and signs that. Canonical RLP (what this codec and Ethereum clients use) hashes a different
    /// payload, so the signature cannot be reproduced; check that the difference is exactly that byte and
    /// that the signed form still decodes as chain id 0 with v = 35/36.
    /// </summary>
    private static string? CheckZeroChainIdQuirk(EthereumTransaction tx, Address expectedSender, byte[] unsigned, byte[] signed)
    {
        var ours = tx.Encode();
        if (ours.Length != unsigned.Length || ours[^3] != 0x80 || unsigned[^3] != 0x00
            || !ours.AsSpan(0, ours.Length - 3).SequenceEqual(unsigned.AsSpan(0, unsigned.Length - 3))
            || !ours.AsSpan(ours.Length - 2).SequenceEqual(unsigned.AsSpan(unsigned.Length - 2)))
        {
            return "chain-id-0 EIP-155 payload differs beyond ethers' 0x00 chain id byte";
        }

        if (Record.Exception(() => EthereumTransaction.Decode(unsigned)) is not Hemi.Ethereum.Rlp.RlpException)
        {
            return "ethers' non-canonical 0x00 chain id was not rejected";
        }

        var decoded = EthereumTransaction.Decode(signed);
        if (decoded.ChainId != 0 || decoded.Signature is not { } sig || (sig.V != 35 && sig.V != 36)
            || !decoded.Encode().AsSpan().SequenceEqual(signed))
        {
            return "chain-id-0 signed form does not round-trip as chain id 0 with v 35/36";
        }

        // Confirms the diagnosis: ethers' signature is over keccak of its own (non-canonical) payload.
        var compact = new byte[64];
        sig.R.TryWriteBytes(compact.AsSpan(32 - sig.R.GetByteCount(isUnsigned: true), sig.R.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        sig.S.TryWriteBytes(compact.AsSpan(64 - sig.S.GetByteCount(isUnsigned: true), sig.S.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        if (!Ecdsa.TryRecover(Hemi.Crypto.Keccak256.Hash(unsigned), compact, (int)(sig.V - 35), out var key)
            || Address.FromPublicKey(key!) != expectedSender)
        {
            return "ethers' chain-id-0 signature does not match its own payload";
        }

        return null;
    }

    private static string? Check(EthereumTransaction tx, PrivateKey key, Address expectedSender, byte[] unsigned, byte[] signed)
    {
        if (!tx.Encode().AsSpan().SequenceEqual(unsigned))
        {
            return "unsigned serialization differs";
        }

        if (!EthereumTransaction.Decode(unsigned).Equals(tx))
        {
            return "unsigned form does not decode to the same transaction";
        }

        var signedTx = tx.Sign(key);
        if (!signedTx.Encode().AsSpan().SequenceEqual(signed))
        {
            return "signed serialization differs";
        }

        var decoded = EthereumTransaction.Decode(signed);
        if (decoded.GetType() != tx.GetType() || !decoded.Equals(signedTx))
        {
            return "signed form does not decode to the signed transaction";
        }

        if (decoded.RecoverSender(decoded.ChainId) != expectedSender)
        {
            return "recovered sender differs";
        }

        if (!decoded.GetHash().AsSpan().SequenceEqual(Hemi.Crypto.Keccak256.Hash(signed)))
        {
            return "hash is not keccak of the encoding";
        }

        if (decoded.ChainId is { } chainId && chainId < ulong.MaxValue)
        {
            var ex = Record.Exception(() => decoded.RecoverSender(chainId + 1));
            if (ex is not TransactionValidationException { Error: TransactionValidationError.WrongChainId })
            {
                return "a wrong expected chain id was not rejected";
            }
        }

        return null;
    }

    private static IEnumerable<(string Form, EthereumTransaction Tx)> BuildForms(JsonElement t)
    {
        var nonce = (ulong)Number(t, "nonce");
        var gasLimit = (ulong)Number(t, "gasLimit");
        var gasPrice = Number(t, "gasPrice");
        var value = Number(t, "value");
        var data = t.TryGetProperty("data", out var d) ? Hex(d.GetString()!) : [];
        Address? to = t.TryGetProperty("to", out var toElement) ? Address.Parse(toElement.GetString()!) : null;
        var accessList = t.TryGetProperty("accessList", out var al)
            ? al.EnumerateArray().Select(e => new AccessListEntry(
                Address.Parse(e.GetProperty("address").GetString()!),
                e.GetProperty("storageKeys").EnumerateArray().Select(k => Hash32.Parse(k.GetString()!)).ToArray())).ToArray()
            : [];
        ulong? chainId = t.TryGetProperty("chainId", out _) ? (ulong)Number(t, "chainId") : null;

        yield return ("Legacy", new LegacyTransaction
        {
            Nonce = nonce, GasPrice = gasPrice, GasLimit = gasLimit, To = to, Value = value, Data = data,
        });
        yield return ("Eip155", new LegacyTransaction
        {
            ChainId = chainId ?? DefaultLegacyChainId, Nonce = nonce, GasPrice = gasPrice, GasLimit = gasLimit, To = to, Value = value, Data = data,
        });
        yield return ("Berlin", new AccessListTransaction
        {
            ChainId = chainId ?? DefaultTypedChainId, Nonce = nonce, GasPrice = gasPrice, GasLimit = gasLimit, To = to, Value = value,
            Data = data, AccessList = accessList,
        });
        yield return ("London", new DynamicFeeTransaction
        {
            ChainId = chainId ?? DefaultTypedChainId, Nonce = nonce, MaxPriorityFeePerGas = Number(t, "maxPriorityFeePerGas"),
            MaxFeePerGas = Number(t, "maxFeePerGas"), GasLimit = gasLimit, To = to, Value = value, Data = data, AccessList = accessList,
        });
    }

    // Absent numeric fields are zero; present ones are JSON numbers or 0x-hex ("0x" is zero).
    private static BigInteger Number(JsonElement t, string name)
    {
        if (!t.TryGetProperty(name, out var e))
        {
            return BigInteger.Zero;
        }

        if (e.ValueKind == JsonValueKind.Number)
        {
            return BigInteger.Parse(e.GetRawText(), CultureInfo.InvariantCulture);
        }

        var hex = e.GetString()![2..];
        return hex.Length == 0 ? BigInteger.Zero : BigInteger.Parse("0" + hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    internal static byte[] Hex(string hex) =>
        Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex);
}
