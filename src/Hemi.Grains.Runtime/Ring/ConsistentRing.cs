using System.Buffers.Binary;
using Hemi.Grains.Runtime.Hashing;
using Hemi.Grains.Runtime.Membership;
using Hemi.Grains.Runtime.Placement;

namespace Hemi.Grains.Runtime.Ring;

/// <summary>
/// An immutable consistent-hash ring over a set of active silos (Orleans: <c>VirtualBucketsRingProvider</c>). Each
/// silo places <see cref="PointsPerSilo"/> points on the 32-bit ring at XXH32(ip ‖ port ‖ generation ‖ index); a
/// point owns the hashes in (previous point, point], so a hash belongs to the first point at or after it, wrapping
/// to the lowest point. Every silo that holds the same membership view computes the same ring, so ownership needs
/// no coordination. Two points at the same hash keep only the first in <see cref="SiloAddressRingOrder"/>, so ranges
/// stay a partition.
/// </summary>
public sealed class ConsistentRing
{
    /// <summary>Virtual points per silo by default: Orleans' <c>NumVirtualBucketsConsistentRing</c> (30).</summary>
    public const int DefaultPointsPerSilo = 30;

    /// <summary>The most virtual points a silo may have (bounds the ring's size).</summary>
    public const int MaxPointsPerSilo = 1024;

    private static readonly IReadOnlyList<RingRange> NoRanges = [];

    private readonly uint[] _points;
    private readonly SiloAddress[] _owners;
    private readonly Dictionary<SiloAddress, IReadOnlyList<RingRange>> _ranges;

    /// <summary>Builds the ring of <paramref name="silos"/> with <paramref name="pointsPerSilo"/> points each.</summary>
    public ConsistentRing(ActiveSiloList silos, int pointsPerSilo = DefaultPointsPerSilo)
    {
        ArgumentNullException.ThrowIfNull(silos);
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerSilo, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pointsPerSilo, MaxPointsPerSilo);
        Silos = silos;
        PointsPerSilo = pointsPerSilo;

        var points = new List<(uint Point, int SiloIndex)>(silos.Count * pointsPerSilo);
        for (int s = 0; s < silos.Count; s++)
        {
            for (int i = 0; i < pointsPerSilo; i++)
            {
                points.Add((PointOf(silos[s], i), s));
            }
        }

        // Silos are already in ring order, so sorting by (point, silo index) breaks hash ties deterministically.
        points.Sort(static (a, b) => a.Point != b.Point ? a.Point.CompareTo(b.Point) : a.SiloIndex.CompareTo(b.SiloIndex));
        var distinct = new List<(uint Point, int SiloIndex)>(points.Count);
        foreach (var p in points)
        {
            if (distinct.Count == 0 || distinct[^1].Point != p.Point)
            {
                distinct.Add(p);
            }
        }

        _points = new uint[distinct.Count];
        _owners = new SiloAddress[distinct.Count];
        for (int i = 0; i < distinct.Count; i++)
        {
            _points[i] = distinct[i].Point;
            _owners[i] = silos[distinct[i].SiloIndex];
        }

        _ranges = BuildRanges(_points, _owners);
    }

    /// <summary>A ring with no silo: nobody owns anything.</summary>
    public static ConsistentRing Empty { get; } = new(ActiveSiloList.Empty);

    /// <summary>The silos on the ring, in <see cref="SiloAddressRingOrder"/>.</summary>
    public ActiveSiloList Silos { get; }

    /// <summary>The membership version the ring was built from.</summary>
    public MembershipVersion Version => Silos.Version;

    /// <summary>Virtual points per silo.</summary>
    public int PointsPerSilo { get; }

    /// <summary>The point hash of virtual point <paramref name="index"/> of <paramref name="silo"/>.</summary>
    public static uint PointOf(SiloAddress silo, int index)
    {
        ArgumentNullException.ThrowIfNull(silo);
        Span<byte> buffer = stackalloc byte[16 + 12];
        int n = silo.Endpoint.Address.TryWriteBytes(buffer, out int written) ? written : 0;
        BinaryPrimitives.WriteInt32LittleEndian(buffer[n..], silo.Endpoint.Port);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[(n + 4)..], silo.Generation);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[(n + 8)..], index);
        return XxHash32.Hash(buffer[..(n + 12)]);
    }

    /// <summary>The silo that owns <paramref name="hash"/>, or null when the ring is empty.</summary>
    public SiloAddress? GetOwner(uint hash)
    {
        if (_points.Length == 0)
        {
            return null;
        }

        int i = Array.BinarySearch(_points, hash);
        if (i < 0)
        {
            i = ~i;
        }

        return _owners[i == _points.Length ? 0 : i];
    }

    /// <summary>The silo that owns <paramref name="grainId"/>'s uniform hash, or null when the ring is empty.</summary>
    public SiloAddress? GetOwner(GrainId grainId) => GetOwner(grainId.GetUniformHashCode());

    /// <summary>
    /// The ranges <paramref name="silo"/> owns (adjacent ranges of one silo merged; one full range when it is alone;
    /// none when it is not on the ring).
    /// </summary>
    public IReadOnlyList<RingRange> GetRanges(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return _ranges.TryGetValue(silo, out var ranges) ? ranges : NoRanges;
    }

    /// <summary>True when <paramref name="silo"/> owns <paramref name="hash"/>.</summary>
    public bool IsOwnedBy(uint hash, SiloAddress silo) => GetOwner(hash) is { } owner && owner.Equals(silo);

    /// <inheritdoc/>
    public override string ToString() => $"ring v{Version}: {Silos.Count} silos, {_points.Length} points";

    private static Dictionary<SiloAddress, IReadOnlyList<RingRange>> BuildRanges(uint[] points, SiloAddress[] owners)
    {
        var result = new Dictionary<SiloAddress, IReadOnlyList<RingRange>>();
        int n = points.Length;
        if (n == 0)
        {
            return result;
        }

        // Start at a point whose owner differs from its predecessor's, so no run of one owner is split at the seam.
        int start = -1;
        for (int i = 0; i < n; i++)
        {
            if (!owners[i].Equals(owners[(i + n - 1) % n]))
            {
                start = i;
                break;
            }
        }

        if (start < 0)
        {
            result[owners[0]] = [RingRange.Full];
            return result;
        }

        var lists = new Dictionary<SiloAddress, List<RingRange>>();
        int runStart = start;
        for (int k = 1; k <= n; k++)
        {
            int i = (start + k) % n;
            int last = (start + k - 1) % n;
            if (k == n || !owners[i].Equals(owners[last]))
            {
                var owner = owners[last];
                if (!lists.TryGetValue(owner, out var list))
                {
                    lists[owner] = list = [];
                }

                list.Add(new RingRange(points[(runStart + n - 1) % n], points[last]));
                runStart = i;
            }
        }

        foreach (var (owner, list) in lists)
        {
            result[owner] = list.ToArray();
        }

        return result;
    }
}
