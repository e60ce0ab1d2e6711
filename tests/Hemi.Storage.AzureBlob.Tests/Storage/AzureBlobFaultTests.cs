using Hemi.Grains.Runtime;
using Hemi.Grains.Runtime.Storage;
using Hemi.Grains.Runtime.Tests.Storage;

namespace Hemi.Storage.AzureBlob.Tests;

/// <summary>
/// Real Azurite behind a handler that fails 30 % of requests (503 before or after applying them, or a stall past
/// the per-try timeout after applying them): every operation must still succeed through retries, and the
/// conditional semantics must hold exactly.
/// </summary>
public sealed class AzureBlobFaultTests
{
    private static AzureBlobClientOptions FaultyOptions(FaultInjectingHandler handler) => new()
    {
        MessageHandler = handler,
        PerTryTimeout = TimeSpan.FromSeconds(1), // generous: the shared CI machine can be slow
        BaseRetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        MaxAttempts = 12,
    };

    [ServiceFact(Azurite.Variable)]
    public async Task GrainStorage_SequentialUpdatesSucceedAndStayExact()
    {
        using var handler = new FaultInjectingHandler(0.3, TimeSpan.FromSeconds(10), seed: 1);
        using var storage = Azurite.NewGrainStorage("grainstate", client: FaultyOptions(handler));
        var id = GrainId.Create("faulty", Guid.NewGuid().ToString("N"));

        var state = new GrainState<ConformanceTestState>();
        await storage.ReadStateAsync("state", id, state);
        for (var i = 1; i <= 25; i++)
        {
            state.State.Counter = i;
            await storage.WriteStateAsync("state", id, state); // creates first (If-None-Match: *), then If-Match
        }

        using var clean = Azurite.NewGrainStorage("grainstate");
        var read = new GrainState<ConformanceTestState>();
        await clean.ReadStateAsync("state", id, read);
        Assert.Equal(25, read.State.Counter);
        Assert.Equal(state.ETag, read.ETag);

        await storage.ClearStateAsync("state", id, state);
        await clean.ReadStateAsync("state", id, read);
        Assert.False(read.RecordExists);
        Assert.True(handler.Faults > 5, $"only {handler.Faults} faults in {handler.Requests} requests");
    }

    [ServiceFact(Azurite.Variable)]
    public async Task GrainStorage_ConcurrentWritersStillHaveExactlyOneWinner()
    {
        using var handler = new FaultInjectingHandler(0.3, TimeSpan.FromSeconds(10), seed: 2);
        var writers = Enumerable.Range(0, 4)
            .Select(_ => Azurite.NewGrainStorage("grainstate", client: FaultyOptions(handler)))
            .ToArray();
        try
        {
            var id = GrainId.Create("faulty-race", Guid.NewGuid().ToString("N"));
            for (var round = 0; round < 5; round++)
            {
                var snapshot = new GrainState<ConformanceTestState>();
                await writers[0].ReadStateAsync("state", id, snapshot);
                var outcomes = await Task.WhenAll(writers.Select(async (w, i) =>
                {
                    var attempt = new GrainState<ConformanceTestState>(
                        new ConformanceTestState { Counter = round + 1, Writer = $"w{i}" }, snapshot.ETag);
                    try
                    {
                        await w.WriteStateAsync("state", id, attempt);
                        return attempt;
                    }
                    catch (InconsistentStateException)
                    {
                        return null;
                    }
                }));

                var winner = Assert.Single(outcomes, o => o is not null)!;
                using var clean = Azurite.NewGrainStorage("grainstate");
                var read = new GrainState<ConformanceTestState>();
                await clean.ReadStateAsync("state", id, read);
                Assert.Equal(winner.State.Writer, read.State.Writer);
                Assert.Equal(winner.ETag, read.ETag);
            }
        }
        finally
        {
            foreach (var w in writers)
            {
                w.Dispose();
            }
        }
    }

    [ServiceFact(Azurite.Variable)]
    public async Task ObjectStore_PutIfAbsentReportsTrueExactlyOnceUnderFaults()
    {
        using var handler = new FaultInjectingHandler(0.3, TimeSpan.FromSeconds(10), seed: 3);
        using var store = Azurite.NewObjectStore("objects", FaultyOptions(handler));
        var root = "fault-" + Guid.NewGuid().ToString("N") + "/";
        for (var i = 0; i < 15; i++)
        {
            var key = $"{root}{i}";
            Assert.True(await store.PutIfAbsentAsync(key, new byte[] { (byte)i }), $"first put of {key}");
            Assert.False(await store.PutIfAbsentAsync(key, new byte[] { 99 }), $"second put of {key}");
            Assert.Equal(new byte[] { (byte)i }, await store.GetAsync(key));
        }

        var listed = new List<string>();
        await foreach (var key in store.ListAsync(root))
        {
            listed.Add(key);
        }

        Assert.Equal(15, listed.Count);
        Assert.True(await store.DeleteAsync(root + "0"));
        Assert.Null(await store.GetAsync(root + "0"));
    }

    [ServiceFact(Azurite.Variable)]
    public async Task RetriedCreate_WhoseFirstTryLanded_IsReportedAsSuccess()
    {
        // Every first try is applied but its answer is replaced by 503, so the retry meets its own blob.
        using var handler = new ApplyThenFailOnceHandler();
        using var client = new AzureBlobClient(Azurite.Account, FaultyOptionsFor(handler));
        await client.CreateContainerIfNotExistsAsync("objects");
        var key = "ambiguous/" + Guid.NewGuid().ToString("N");

        handler.Armed = true;
        var eTag = await client.PutBlobAsync("objects", key, new byte[] { 1 }, BlobConditions.IfNotExists);
        Assert.True(handler.Fired);
        Assert.Equal(eTag, (await client.GetPropertiesAsync("objects", key))!.ETag);

        // A different writer's create must still fail, even after an ambiguous retry.
        handler.Armed = true;
        await Assert.ThrowsAsync<AzureBlobException>(() => client.PutBlobAsync("objects", key, new byte[] { 2 }, BlobConditions.IfNotExists));

        handler.Armed = true;
        Assert.True(await client.DeleteBlobAsync("objects", key, BlobConditions.IfMatchETag(eTag)));
        Assert.Null(await client.GetBlobAsync("objects", key));
    }

    private static AzureBlobClientOptions FaultyOptionsFor(HttpMessageHandler handler) => new()
    {
        MessageHandler = handler,
        BaseRetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
    };

    private sealed class ApplyThenFailOnceHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public bool Armed { get; set; }

        public bool Fired { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!Armed)
            {
                return response;
            }

            Armed = false;
            Fired = true;
            response.Dispose();
            return new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable) { Content = new ByteArrayContent([]) };
        }
    }
}
