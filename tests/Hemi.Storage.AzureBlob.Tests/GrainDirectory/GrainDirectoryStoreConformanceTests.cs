using System.Net;
using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.GrainDirectory;
using Hemi.Grains.Runtime.Membership;
using Hemi.Storage.AzureBlob.Tests.Membership;

namespace Hemi.Storage.AzureBlob.Tests.GrainDirectory;

/// <summary>
/// Conformance of <see cref="IGrainDirectoryStore"/> providers (Orleans' grain directory test cases): create-if-absent,
/// conditional take-over, unregister only on activation match, linearizable under contention. Run on the memory
/// store always and on Azure Blob when Azurite is available.
/// </summary>
public sealed class GrainDirectoryStoreConformanceTests
{
    private static int s_port = 31000;

    public static TheoryData<string> Providers => MembershipTableProviders.All;

    private static IGrainDirectoryStore Create(string provider) => provider switch
    {
        MembershipTableProviders.Memory => new MemoryGrainDirectoryStore(),
        MembershipTableProviders.AzureBlob => new AzureBlobGrainDirectoryStore("c" + Guid.NewGuid().ToString("N")[..12], new AzureBlobGrainDirectoryOptions
        {
            ConnectionString = Azurite.ConnectionString,
            ContainerName = "directory-conformance",
            Client = Azurite.FastClientOptions(),
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    private static GrainId NewGrain(string key = "") => GrainId.Create("dirtest", key.Length > 0 ? key : Guid.NewGuid().ToString("N"));

    private static GrainDirectoryEntry NewEntry(GrainId grain, long version = 3) => new(
        new GrainAddress(grain, new SiloAddress(new IPEndPoint(IPAddress.Loopback, Interlocked.Increment(ref s_port)), 7), ActivationId.NewId()),
        new MembershipVersion(version));

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Lookup_Missing_IsNull(string provider)
    {
        var store = Create(provider);
        Assert.Null(await store.Lookup(NewGrain()));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Register_OnEmpty_StoresTheEntryWithItsMembershipVersion(string provider)
    {
        var store = Create(provider);
        var entry = NewEntry(NewGrain(), version: 42);
        Assert.Equal(entry, await store.Register(entry, null));
        Assert.Equal(entry, await store.Lookup(entry.GrainId));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Register_WhenAnotherActivationExists_ReturnsTheWinnerAndChangesNothing(string provider)
    {
        var store = Create(provider);
        var grain = NewGrain();
        var first = NewEntry(grain);
        var second = NewEntry(grain);
        await store.Register(first, null);
        Assert.Equal(first, await store.Register(second, null));
        Assert.Equal(first, await store.Lookup(grain));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Register_WithMatchingPrevious_TakesOver(string provider)
    {
        var store = Create(provider);
        var grain = NewGrain();
        var dead = NewEntry(grain);
        var replacement = NewEntry(grain, version: 9);
        await store.Register(dead, null);
        // The previous entry's membership version does not matter: the activation identifies it.
        Assert.Equal(replacement, await store.Register(replacement, dead with { MembershipVersion = MembershipVersion.MinValue }));
        Assert.Equal(replacement, await store.Lookup(grain));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Register_WithStalePrevious_ReturnsTheCurrentWinner(string provider)
    {
        var store = Create(provider);
        var grain = NewGrain();
        var old = NewEntry(grain);
        var current = NewEntry(grain);
        await store.Register(old, null);
        await store.Register(current, old);
        Assert.Equal(current, await store.Register(NewEntry(grain), old));
        Assert.Equal(current, await store.Lookup(grain));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Register_WithPreviousWhenAbsent_Creates(string provider)
    {
        var store = Create(provider);
        var grain = NewGrain();
        var entry = NewEntry(grain);
        Assert.Equal(entry, await store.Register(entry, NewEntry(grain)));
        Assert.Equal(entry, await store.Lookup(grain));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Unregister_MatchingActivation_Removes(string provider)
    {
        var store = Create(provider);
        var entry = NewEntry(NewGrain());
        await store.Register(entry, null);
        Assert.True(await store.Unregister(entry.Address));
        Assert.Null(await store.Lookup(entry.GrainId));
        Assert.False(await store.Unregister(entry.Address));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Unregister_OtherActivation_LeavesTheEntry(string provider)
    {
        var store = Create(provider);
        var grain = NewGrain();
        var entry = NewEntry(grain);
        await store.Register(entry, null);
        var sameSiloOtherActivation = entry.Address with { ActivationId = ActivationId.NewId() };
        var otherSiloSameActivation = entry.Address with { SiloAddress = NewEntry(grain).Address.SiloAddress };
        Assert.False(await store.Unregister(sameSiloOtherActivation));
        Assert.False(await store.Unregister(otherSiloSameActivation));
        Assert.Equal(entry, await store.Lookup(grain));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Register_ParallelActivations_ExactlyOneWinsAndAllAgree(string provider)
    {
        var store = Create(provider);
        var grain = NewGrain();
        var candidates = Enumerable.Range(0, 16).Select(_ => NewEntry(grain)).ToList();
        var results = await Task.WhenAll(candidates.Select(c => Task.Run(() => store.Register(c, null))));
        var winner = Assert.Single(results.Distinct());
        Assert.Contains(winner, candidates);
        Assert.Equal(winner, await store.Lookup(grain));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Register_ParallelTakeOversOfOneDeadEntry_ExactlyOneWins(string provider)
    {
        var store = Create(provider);
        var grain = NewGrain();
        var dead = NewEntry(grain);
        await store.Register(dead, null);
        var candidates = Enumerable.Range(0, 12).Select(_ => NewEntry(grain)).ToList();
        var results = await Task.WhenAll(candidates.Select(c => Task.Run(() => store.Register(c, dead))));
        var winner = Assert.Single(results.Distinct());
        Assert.Contains(winner, candidates);
        Assert.Equal(winner, await store.Lookup(grain));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UnregisterRacingTakeOver_NeverLosesTheNewEntry(string provider)
    {
        var store = Create(provider);
        var grain = NewGrain();
        for (var round = 0; round < 5; round++)
        {
            var old = NewEntry(grain);
            await store.Register(old, null);
            var replacement = NewEntry(grain);
            var unregister = Task.Run(() => store.Unregister(old.Address));
            var takeover = Task.Run(() => store.Register(replacement, old));
            await Task.WhenAll(unregister, takeover);
            var now = await store.Lookup(grain);
            // Either order is fine, but an unregister of the old activation must never delete the replacement.
            Assert.Equal(replacement, now);
            Assert.Equal(replacement, await takeover);
            Assert.True(await store.Unregister(replacement.Address));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Keys_WithAwkwardCharacters_AreDistinctAndRoundTrip(string provider)
    {
        var store = Create(provider);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        string[] keys =
        [
            "a/b/c" + suffix, "a~2Fb~2Fc" + suffix, ".." + suffix, "." + suffix, "sp ace " + suffix, "ünï©ødé " + suffix,
            "%41" + suffix, "A" + suffix, "a" + suffix, new string('x', 3000) + suffix, new string('x', 3001) + suffix, "q?x=1&y#" + suffix,
        ];
        var entries = keys.Select(k => NewEntry(NewGrain(k))).ToList();
        foreach (var entry in entries)
        {
            Assert.Equal(entry, await store.Register(entry, null));
        }

        foreach (var entry in entries)
        {
            Assert.Equal(entry, await store.Lookup(entry.GrainId));
        }
    }
}
