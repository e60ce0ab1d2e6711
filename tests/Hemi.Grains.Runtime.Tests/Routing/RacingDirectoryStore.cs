using Hemi.Grains.Runtime.GrainDirectory;

namespace Hemi.Grains.Runtime.Tests.Routing;

/// <summary>
/// A directory store that makes two activations of one grain race: lookups of <see cref="RacedGrain"/> miss until
/// two registrations for it are pending, which then proceed one after the other (first writer wins).
/// </summary>
public sealed class RacingDirectoryStore(MemoryGrainDirectoryStore inner, GrainId racedGrain) : IGrainDirectoryStore
{
    private readonly TaskCompletionSource _bothRegistering = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private int _registering;

    public GrainId RacedGrain { get; } = racedGrain;

    public int RacedRegistrations => Volatile.Read(ref _registering);

    public async Task<GrainDirectoryEntry> Register(GrainDirectoryEntry entry, GrainDirectoryEntry? previous)
    {
        if (entry.GrainId != RacedGrain)
        {
            return await inner.Register(entry, previous);
        }

        if (Interlocked.Increment(ref _registering) >= 2)
        {
            _bothRegistering.TrySetResult();
        }

        await _bothRegistering.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await _oneAtATime.WaitAsync();
        try
        {
            return await inner.Register(entry, previous);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public Task<bool> Unregister(GrainAddress address) => inner.Unregister(address);

    public Task<GrainDirectoryEntry?> Lookup(GrainId grainId) =>
        grainId == RacedGrain && !_bothRegistering.Task.IsCompleted ? Task.FromResult<GrainDirectoryEntry?>(null) : inner.Lookup(grainId);
}
