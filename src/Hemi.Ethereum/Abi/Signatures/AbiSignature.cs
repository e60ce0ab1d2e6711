using Hemi.Crypto;

namespace Hemi.Ethereum.Abi;

/// <summary>Helpers shared by functions, events and errors: canonical signatures and their hashes.</summary>
internal static class AbiSignature
{
    public static string Canonical(string name, IReadOnlyList<AbiParameter> parameters) =>
        name + "(" + string.Join(",", parameters.Select(p => p.Type.CanonicalName)) + ")";

    public static string HumanReadable(string keyword, string name, IReadOnlyList<AbiParameter> parameters) =>
        keyword + " " + name + "(" + string.Join(", ", parameters.Select(p => p.ToString())) + ")";

    public static byte[] Hash(string canonical) => Keccak256.Hash(System.Text.Encoding.UTF8.GetBytes(canonical));

    public static byte[] Selector(string canonical) => Hash(canonical)[..4];

    public static IReadOnlyList<AbiType> Types(IReadOnlyList<AbiParameter> parameters) =>
        Array.AsReadOnly(parameters.Select(p => p.Type).ToArray());

    public static void RequireSelector(ReadOnlySpan<byte> data, ReadOnlySpan<byte> selector, string signature)
    {
        if (data.Length < 4)
        {
            throw new AbiException($"Data for {signature} is shorter than a 4-byte selector.");
        }

        if (!data[..4].SequenceEqual(selector))
        {
            throw new AbiException($"Selector 0x{Convert.ToHexStringLower(data[..4])} does not match {signature} (0x{Convert.ToHexStringLower(selector)}).");
        }
    }

    public static void RequireIdentifier(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '$')))
        {
            throw new AbiException($"'{name}' is not a valid identifier.");
        }
    }
}
