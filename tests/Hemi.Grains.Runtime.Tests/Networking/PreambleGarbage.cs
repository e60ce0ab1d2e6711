using FsCheck;
using FsCheck.Fluent;

namespace Hemi.Grains.Runtime.Tests.Networking;

/// <summary>
/// Hostile inputs for a preamble decoder, built around one valid encoding: random bytes after
/// <paramref name="prefix"/>, single-byte mutations, truncations and zero-padded extensions.
/// </summary>
internal static class PreambleGarbage
{
    public static Arbitrary<byte[]> Around(byte[] valid, byte[] prefix) => Gen.OneOf(
        ArbMap.Default.GeneratorFor<byte[]>().Select(b => (byte[])[.. prefix, .. b]),
        from position in Gen.Choose(0, valid.Length - 1)
        from value in Gen.Choose(0, 255)
        select Mutate(valid, position, (byte)value),
        from cut in Gen.Choose(0, valid.Length + 3)
        select cut <= valid.Length ? valid[..cut] : [.. valid, .. new byte[cut - valid.Length]]).ToArbitrary();

    /// <summary>Runs <paramref name="decode"/> on each input: it may succeed or throw <typeparamref name="TException"/>, nothing else.</summary>
    public static void DecodesOrRejects<TException>(Arbitrary<byte[]> inputs, Action<byte[]> decode)
        where TException : Exception
        => Prop.ForAll(inputs, bytes =>
        {
            try
            {
                decode(bytes);
                return true;
            }
            catch (TException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();

    public static byte[] Mutate(byte[] valid, int position, byte value)
    {
        var copy = (byte[])valid.Clone();
        copy[position] = value;
        return copy;
    }
}
