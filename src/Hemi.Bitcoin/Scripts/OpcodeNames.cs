using System.Collections.Frozen;

namespace Hemi.Bitcoin.Scripts;

/// <summary>Opcode ↔ name mapping with Bitcoin Core's canonical names ("OP_CHECKLOCKTIMEVERIFY", not "OP_NOP2").</summary>
public static class OpcodeNames
{
    private static readonly string?[] NameOf = BuildNames();

    private static readonly FrozenDictionary<string, OpcodeType> ByName = BuildLookup();

    /// <summary>The canonical name ("OP_DUP", "OP_0", "OP_16"); "OP_UNKNOWN" for direct pushes and undefined bytes.</summary>
    public static string GetName(OpcodeType opcode) => NameOf[(byte)opcode] ?? "OP_UNKNOWN";

    /// <summary>True when the byte is a named opcode (not a direct push 0x01..0x4b and not undefined).</summary>
    public static bool IsNamed(OpcodeType opcode) => NameOf[(byte)opcode] is not null;

    /// <summary>
    /// Looks up an opcode by name, with or without the "OP_" prefix, case-sensitively (Bitcoin Core's spelling),
    /// also accepting the aliases OP_FALSE, OP_TRUE, OP_NOP2 and OP_NOP3.
    /// </summary>
    public static bool TryParse(string name, out OpcodeType opcode) => ByName.TryGetValue(name, out opcode);

    private static string?[] BuildNames()
    {
        var names = new string?[256];
        foreach (OpcodeType op in Enum.GetValues<OpcodeType>())
        {
            names[(byte)op] ??= op switch
            {
                OpcodeType.OP_0 => "OP_0",
                OpcodeType.OP_1 => "OP_1",
                OpcodeType.OP_CHECKLOCKTIMEVERIFY => "OP_CHECKLOCKTIMEVERIFY",
                OpcodeType.OP_CHECKSEQUENCEVERIFY => "OP_CHECKSEQUENCEVERIFY",
                _ => op.ToString(),
            };
        }

        return names;
    }

    private static FrozenDictionary<string, OpcodeType> BuildLookup()
    {
        var map = new Dictionary<string, OpcodeType>(StringComparer.Ordinal);
        foreach (string name in Enum.GetNames<OpcodeType>())
        {
            var op = Enum.Parse<OpcodeType>(name);
            map[name] = op;
            map[name[3..]] = op;
        }

        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
