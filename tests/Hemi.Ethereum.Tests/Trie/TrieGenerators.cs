using FsCheck;
using FsCheck.Fluent;

namespace Hemi.Ethereum.Tests.Trie;

/// <summary>Generators biased towards shared prefixes, prefix keys and short (embedded) nodes.</summary>
internal static class TrieGenerators
{
    // Few distinct byte values force long common prefixes, keys that prefix other keys and deep branches.
    private static readonly Gen<byte> KeyByte = Gen.Elements<byte>(0x00, 0x01, 0x10, 0x11, 0x1f, 0xf0, 0xff);

    private static readonly Gen<byte[]> ClusteredKey =
        from length in Gen.Choose(0, 5)
        from bytes in Gen.ArrayOf(KeyByte, length)
        select bytes;

    private static readonly Gen<byte[]> RandomKey =
        from length in Gen.Elements(1, 20, 32)
        from bytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
        select bytes;

    public static readonly Gen<byte[]> Key = Gen.Frequency((3, ClusteredKey), (1, RandomKey));

    // Mostly short values (embedded nodes), sometimes long enough to force hashing.
    public static readonly Gen<byte[]> Value =
        from length in Gen.Frequency((4, Gen.Choose(1, 4)), (1, Gen.Choose(5, 80)))
        from bytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), length)
        select bytes;

    /// <summary>A put (value) or a delete (null).</summary>
    public static readonly Gen<(byte[] Key, byte[]? Value)> Operation =
        from key in Key
        from isDelete in Gen.Frequency((1, Gen.Constant(true)), (3, Gen.Constant(false)))
        from value in Value
        select (key, isDelete ? null : value);

    public static readonly Gen<(byte[] Key, byte[]? Value)[]> Operations =
        Gen.Sized(size => from count in Gen.Choose(0, Math.Max(1, size * 2)) from ops in Gen.ArrayOf(Operation, count) select ops);

    public static Dictionary<string, (byte[] Key, byte[] Value)> Apply(IEnumerable<(byte[] Key, byte[]? Value)> operations)
    {
        var model = new Dictionary<string, (byte[], byte[])>();
        foreach (var (key, value) in operations)
        {
            if (value is null)
            {
                model.Remove(Convert.ToHexString(key));
            }
            else
            {
                model[Convert.ToHexString(key)] = (key, value);
            }
        }

        return model;
    }
}
