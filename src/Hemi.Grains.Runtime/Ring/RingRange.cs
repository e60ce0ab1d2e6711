using System.Globalization;

namespace Hemi.Grains.Runtime.Ring;

/// <summary>
/// A range of 32-bit ring hashes: those in (<see cref="Begin"/>, <see cref="End"/>], wrapping past
/// <see cref="uint.MaxValue"/> when Begin ≥ End; Begin == End is the whole ring (the same convention as
/// <c>IReminderTable.ReadRows(begin, end)</c> and Orleans' <c>SingleRange</c>).
/// </summary>
public readonly record struct RingRange(uint Begin, uint End)
{
    /// <summary>The whole ring.</summary>
    public static RingRange Full => new(0, 0);

    /// <summary>True for the whole ring.</summary>
    public bool IsFull => Begin == End;

    /// <summary>True when the range wraps past <see cref="uint.MaxValue"/> to 0.</summary>
    public bool Wraps => Begin > End;

    /// <summary>The number of hashes in the range (2^32 for the whole ring).</summary>
    public ulong Size => IsFull ? 1UL << 32 : unchecked((uint)(End - Begin));

    /// <summary>True when <paramref name="hash"/> lies in the range.</summary>
    public bool Contains(uint hash) =>
        IsFull || (Begin < End ? hash > Begin && hash <= End : hash > Begin || hash <= End);

    /// <summary>True when any of <paramref name="ranges"/> contains <paramref name="hash"/>.</summary>
    public static bool AnyContains(IReadOnlyList<RingRange> ranges, uint hash)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        for (int i = 0; i < ranges.Count; i++)
        {
            if (ranges[i].Contains(hash))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => IsFull
        ? "(full ring)"
        : string.Create(CultureInfo.InvariantCulture, $"(0x{Begin:x8}, 0x{End:x8}]");
}
