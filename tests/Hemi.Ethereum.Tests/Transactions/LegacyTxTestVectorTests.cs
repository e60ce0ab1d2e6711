using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Hemi.Crypto.Secp256k1;
using Hemi.Ethereum.Transactions;

namespace Hemi.Ethereum.Tests.Transactions;

public sealed class LegacyTxTestVectorTests
{
    private const string File = "ethereum-tests/BasicTests/txtest.json";

    [VectorFact(File)]
    public void TxTest_UnsignedAndSignedLegacyEncodings()
    {
        using var doc = JsonDocument.Parse(TestVectors.ReadText(File));
        var count = 0;
        var highS = 0;
        foreach (var test in doc.RootElement.EnumerateArray())
        {
            var to = test.GetProperty("to").GetString()!;
            var tx = new LegacyTransaction
            {
                Nonce = test.GetProperty("nonce").GetUInt64(),
                GasPrice = BigInteger.Parse(test.GetProperty("gasprice").GetRawText(), CultureInfo.InvariantCulture),
                GasLimit = test.GetProperty("startgas").GetUInt64(),
                To = to.Length == 0 ? null : Address.Parse(to),
                Value = BigInteger.Parse(test.GetProperty("value").GetRawText(), CultureInfo.InvariantCulture),
                Data = Convert.FromHexString(test.GetProperty("data").GetString()!),
            };
            var unsigned = Convert.FromHexString(test.GetProperty("unsigned").GetString()!);
            var signed = Convert.FromHexString(test.GetProperty("signed").GetString()!);

            // This file's "unsigned" form is the 9-field list with empty v, r, s; that is the EIP-155
            // shape for chain id 0, and decodes as such.
            Assert.Equal(unsigned, (tx with { ChainId = 0 }).Encode());
            var decodedUnsigned = EthereumTransaction.Decode(unsigned);
            Assert.Equal(0UL, decodedUnsigned.ChainId);
            Assert.Null(decodedUnsigned.Signature);

            using var key = PrivateKey.FromBytes(Convert.FromHexString(test.GetProperty("key").GetString()!));
            var signedTx = tx.Sign(key);
            var decoded = Assert.IsType<LegacyTransaction>(EthereumTransaction.Decode(signed));
            Assert.Null(decoded.ChainId);
            Assert.Equal(tx.To, decoded.To);
            Assert.Equal(tx.Value, decoded.Value);
            Assert.Equal(tx.Data, decoded.Data);
            Assert.Equal(signed, decoded.Encode());
            var fileSignature = decoded.Signature!;
            if (fileSignature.S <= TransactionTestData.CurveOrder / 2)
            {
                Assert.Equal(signed, signedTx.Encode());
                Assert.Equal(Address.FromPublicKey(key.PublicKey), decoded.RecoverSender());
            }
            else
            {
                // Pre-Homestead (high-S) signature: RFC 6979 gives the same r, we emit the low-S twin
                // (n − s, flipped v), and the file's form is refused as Ethereum has done since EIP-2.
                highS++;
                Assert.Equal(fileSignature.R, signedTx.Signature!.R);
                Assert.Equal(TransactionTestData.CurveOrder - fileSignature.S, signedTx.Signature.S);
                Assert.Equal(55 - fileSignature.V, signedTx.Signature.V);
                var ex = Assert.Throws<TransactionValidationException>(() => decoded.RecoverSender());
                Assert.Equal(TransactionValidationError.HighS, ex.Error);
                Assert.Equal(Address.FromPublicKey(key.PublicKey), EthereumTransaction.Decode(signedTx.Encode()).RecoverSender());
            }

            count++;
        }

        Assert.Equal(2, count);
        Assert.True(highS < count, "at least one case must be reproduced byte for byte");
    }
}
