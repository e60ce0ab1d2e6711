namespace Hemi.Crypto.Tests.Hashing;

public sealed class KeccakKatTests
{
    private const string ShortKat = "keccak/ShortMsgKAT_256.txt";
    private const string LongKat = "keccak/LongMsgKAT_256.txt";

    [VectorFact(ShortKat)]
    public void Hash_MatchesEveryByteAlignedShortMessageKat() => AssertKat(ShortKat, expectedMinimum: 256);

    [VectorFact(LongKat)]
    public void Hash_MatchesEveryByteAlignedLongMessageKat() => AssertKat(LongKat, expectedMinimum: 1);

    [VectorFact(ShortKat, LongKat)]
    public void Hasher_FedByteByByte_MatchesKat()
    {
        foreach (var (message, digest) in ReadKat(ShortKat).Concat(ReadKat(LongKat)))
        {
            var hasher = new Keccak256Hasher();
            for (var i = 0; i < message.Length; i++)
            {
                hasher.Append(message.AsSpan(i, 1));
            }

            Assert.Equal(digest, hasher.GetHashAndReset());
        }
    }

    private static void AssertKat(string file, int expectedMinimum)
    {
        var cases = ReadKat(file);
        Assert.True(cases.Count >= expectedMinimum, $"only {cases.Count} cases parsed from {file}");
        Span<byte> output = stackalloc byte[32];
        foreach (var (message, digest) in cases)
        {
            Assert.Equal(Hex.Encode(digest), Hex.Encode(Keccak256.Hash(message)));
            Keccak256.Hash(message, output);
            Assert.True(output.SequenceEqual(digest));
        }
    }

    /// <summary>Parses NIST KAT blocks; only whole-byte lengths are kept (Len is in bits).</summary>
    internal static List<(byte[] Message, byte[] Digest)> ReadKat(string file)
    {
        var result = new List<(byte[], byte[])>();
        int? bits = null;
        byte[]? message = null;
        foreach (var raw in TestVectors.ReadText(file).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("Len = ", StringComparison.Ordinal))
            {
                bits = int.Parse(line[6..], System.Globalization.CultureInfo.InvariantCulture);
                message = null;
            }
            else if (line.StartsWith("Msg = ", StringComparison.Ordinal))
            {
                message = Hex.Decode(line.AsSpan(6));
            }
            else if (line.StartsWith("MD = ", StringComparison.Ordinal) && bits is { } len && message is not null)
            {
                if (len % 8 == 0)
                {
                    // Len = 0 still lists "Msg = 00": the message is the first Len/8 bytes.
                    result.Add((message[..(len / 8)], Hex.Decode(line.AsSpan(5))));
                }

                bits = null;
            }
        }

        return result;
    }
}
