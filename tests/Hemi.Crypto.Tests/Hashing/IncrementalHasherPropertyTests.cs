using FsCheck;
using FsCheck.Fluent;

namespace Hemi.Crypto.Tests.Hashing;

public sealed class IncrementalHasherPropertyTests
{
    private static Arbitrary<(byte[] Data, int[] Cuts)> DataWithCuts =>
        (from length in Gen.Choose(0, 700)
         from data in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
         from cuts in Gen.ArrayOf(Gen.Choose(0, length), 6)
         select (data, cuts)).ToArbitrary();

    [Fact]
    public void Keccak256Hasher_AnySplit_EqualsOneShot()
    {
        Prop.ForAll(DataWithCuts, input =>
        {
            var hasher = new Keccak256Hasher();
            FeedInPieces(input.Data, input.Cuts, hasher.Append);
            return hasher.GetHashAndReset().SequenceEqual(Keccak256.Hash(input.Data));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Sha256Hasher_AnySplit_EqualsOneShot()
    {
        Prop.ForAll(DataWithCuts, input =>
        {
            using var hasher = new Sha256Hasher();
            FeedInPieces(input.Data, input.Cuts, hasher.Append);
            return hasher.GetHashAndReset().SequenceEqual(Sha256.Hash(input.Data));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Keccak256Hasher_IsReusableAfterReset()
    {
        var hasher = new Keccak256Hasher();
        hasher.Append(new byte[300]);
        _ = hasher.GetHashAndReset();
        hasher.Append("abc"u8);
        Assert.Equal(Keccak256.Hash("abc"u8), hasher.GetHashAndReset());
    }

    private delegate void Sink(ReadOnlySpan<byte> data);

    private static void FeedInPieces(byte[] data, int[] cuts, Sink sink)
    {
        var points = cuts.Append(0).Append(data.Length).Distinct().Order().ToArray();
        for (var i = 0; i + 1 < points.Length; i++)
        {
            sink(data.AsSpan(points[i], points[i + 1] - points[i]));
        }
    }
}
