using System.Net;

namespace Hemi.Grains.Runtime;

/// <summary>
/// The identity of one silo process: endpoint plus generation (Orleans: <c>SiloAddress</c>). A restarted process at the
/// same endpoint gets a higher generation and is therefore a new silo; the older one is known to be dead.
/// </summary>
public sealed record SiloAddress(IPEndPoint Endpoint, int Generation)
{
    /// <summary>Allocates a generation from the wall clock: seconds since 2022-01-01, strictly increasing per process restart.</summary>
    public static int AllocateGeneration(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var epoch = new DateTimeOffset(2022, 1, 1, 0, 0, 0, TimeSpan.Zero);
        long seconds = (long)(timeProvider.GetUtcNow() - epoch).TotalSeconds;
        return (int)Math.Clamp(seconds, 1, int.MaxValue);
    }

    /// <summary>True when this is a newer generation of the same endpoint, meaning <paramref name="other"/> is dead.</summary>
    public bool IsSuccessorOf(SiloAddress other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Endpoint.Equals(other.Endpoint) && Generation > other.Generation;
    }

    /// <summary>A stable hash of the address (used on the consistent ring once there is more than one silo).</summary>
    public uint GetConsistentHashCode()
    {
        Span<byte> buffer = stackalloc byte[16 + 4 + 4];
        int n = 0;
        if (Endpoint.Address.TryWriteBytes(buffer, out int written))
        {
            n = written;
        }

        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(buffer[n..], Endpoint.Port);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(buffer[(n + 4)..], Generation);
        return Hashing.XxHash32.Hash(buffer[..(n + 8)]);
    }

    /// <inheritdoc/>
    public override string ToString() => $"S{Endpoint}:{Generation}";
}
