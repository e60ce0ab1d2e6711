using Hemi.Crypto.Secp256k1;
using Hemi.Crypto.Secp256k1.Interop;

namespace Hemi.Crypto.Tests.Secp256k1.Interop;

public sealed class Secp256k1LibraryTests
{
    [Fact]
    public void Load_MissingLibrary_ThrowsNotFoundWithInstallHint()
    {
        var e = Assert.Throws<Secp256k1NotFoundException>(() => Secp256k1Library.Load(["libsecp256k1-does-not-exist.so.42"]));
        Assert.Equal("libsecp256k1.so.1 not found: install it with `apt-get install libsecp256k1-1` (Debian/Ubuntu)", e.Message);
    }

    [Fact]
    public void Load_RealLibrary_IsFoundByVersionedName()
    {
        Assert.NotEqual(0, Secp256k1Library.Load(Secp256k1Library.DefaultCandidates));
    }

    [Fact]
    public async Task SharedContext_IsSafeForConcurrentSigningAndVerification()
    {
        var tasks = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                using var key = PrivateKey.Generate();
                var hash = Sha256.Hash(BitConverter.GetBytes((t * 1000) + i));
                Assert.True(Ecdsa.VerifyCompact(key.PublicKey, hash, Ecdsa.SignCompact(key, hash)));
                Assert.True(Schnorr.Verify(key.XOnlyPublicKey, hash, Schnorr.Sign(key, hash)));
            }
        }));
        await Task.WhenAll(tasks);
    }
}
