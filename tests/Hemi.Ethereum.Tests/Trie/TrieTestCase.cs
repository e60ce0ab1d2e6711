using System.Text;
using System.Text.Json;
using Hemi.Ethereum;

namespace Hemi.Ethereum.Tests.Trie;

/// <summary>One case of an ethereum/tests TrieTests file: ordered operations (null value = delete) and the expected root.</summary>
internal sealed record TrieTestCase(string Name, IReadOnlyList<(byte[] Key, byte[]? Value)> Operations, Hash32 ExpectedRoot, bool AnyOrder)
{
    public static IReadOnlyList<TrieTestCase> Load(string relativePath)
    {
        using var document = JsonDocument.Parse(TestVectors.ReadText(relativePath));
        var cases = new List<TrieTestCase>();
        foreach (var test in document.RootElement.EnumerateObject())
        {
            var input = test.Value.GetProperty("in");
            var operations = new List<(byte[], byte[]?)>();
            if (input.ValueKind == JsonValueKind.Array)
            {
                foreach (var pair in input.EnumerateArray())
                {
                    operations.Add((DecodeString(pair[0].GetString()!), DecodeNullable(pair[1])));
                }
            }
            else
            {
                foreach (var property in input.EnumerateObject())
                {
                    operations.Add((DecodeString(property.Name), DecodeNullable(property.Value)));
                }
            }

            cases.Add(new TrieTestCase(
                test.Name,
                operations,
                Hash32.Parse(test.Value.GetProperty("root").GetString()!),
                input.ValueKind == JsonValueKind.Object));
        }

        return cases;
    }

    /// <summary>The final key/value map after applying every operation (deletions removed).</summary>
    public Dictionary<string, (byte[] Key, byte[] Value)> FinalState()
    {
        var state = new Dictionary<string, (byte[], byte[])>();
        foreach (var (key, value) in Operations)
        {
            var id = Convert.ToHexString(key);
            if (value is null || value.Length == 0)
            {
                state.Remove(id);
            }
            else
            {
                state[id] = (key, value);
            }
        }

        return state;
    }

    // "0x…" strings are hex; anything else stands for its own ASCII/UTF-8 bytes.
    private static byte[] DecodeString(string text) =>
        text.StartsWith("0x", StringComparison.Ordinal) ? Convert.FromHexString(text.AsSpan(2)) : Encoding.UTF8.GetBytes(text);

    private static byte[]? DecodeNullable(JsonElement element) =>
        element.ValueKind == JsonValueKind.Null ? null : DecodeString(element.GetString()!);

    public override string ToString() => Name;
}
