namespace Hemi.Grains.L2.Storage;

/// <summary>
/// The hashes of a contiguous run of sealed blocks (<see cref="First"/>..<see cref="Last"/>), stored as one immutable
/// object so that a restart can rebuild the hash → location maps without reading every block record.
/// </summary>
public sealed record HashIndexSegment
{
    public HashIndexSegment(IReadOnlyList<HashIndexedBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0)
        {
            throw new ArgumentException("A hash index segment covers at least one block.", nameof(blocks));
        }

        for (var i = 1; i < blocks.Count; i++)
        {
            if (blocks[i].Number != blocks[i - 1].Number + 1)
            {
                throw new ArgumentException($"Block {blocks[i].Number} does not follow block {blocks[i - 1].Number}: a segment is contiguous.", nameof(blocks));
            }
        }

        Blocks = blocks;
    }

    public IReadOnlyList<HashIndexedBlock> Blocks { get; }

    public ulong First => Blocks[0].Number;

    public ulong Last => Blocks[^1].Number;
}
