namespace Hemi.Bitcoin.Scripts;

/// <summary>A segwit output's version (0..16) and program (2..40 bytes).</summary>
public sealed record WitnessProgram
{
    /// <summary>Creates a program after checking BIP141's limits (and v0's 20/32-byte sizes).</summary>
    public WitnessProgram(int version, ReadOnlySpan<byte> program)
    {
        if (version is < 0 or > 16)
        {
            throw new ArgumentOutOfRangeException(nameof(version), "Witness version must be 0..16.");
        }

        if (program.Length is < 2 or > 40 || (version == 0 && program.Length is not (20 or 32)))
        {
            throw new ArgumentException("Witness program length is invalid for its version.", nameof(program));
        }

        Version = version;
        Program = program.ToArray();
    }

    /// <summary>Witness version 0..16.</summary>
    public int Version { get; }

    /// <summary>The program bytes (a copy; do not mutate).</summary>
    public byte[] Program { get; }

    /// <summary>The scriptPubKey: OP_n followed by a direct push of the program.</summary>
    public byte[] ToScriptPubKey()
    {
        var script = new byte[2 + Program.Length];
        script[0] = Version == 0 ? (byte)0 : (byte)((byte)OpcodeType.OP_1 + Version - 1);
        script[1] = (byte)Program.Length;
        Program.CopyTo(script, 2);
        return script;
    }

    /// <inheritdoc/>
    public bool Equals(WitnessProgram? other) => other is not null && Version == other.Version && Program.AsSpan().SequenceEqual(other.Program);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Version);
        hash.AddBytes(Program);
        return hash.ToHashCode();
    }
}
