using System.Net;

namespace Hemi.Storage.AzureBlob.Tests;

/// <summary>Transport behaviour of <see cref="AzureBlobClient"/> against a scripted in-memory handler (no Azurite).</summary>
public sealed class AzureBlobClientRetryTests
{
    private static AzureBlobClient Client(StubHandler handler, int attempts = 4, TimeSpan? perTry = null) => new(
        AzureStorageAccount.Parse("UseDevelopmentStorage=true"),
        new AzureBlobClientOptions
        {
            MessageHandler = handler,
            MaxAttempts = attempts,
            PerTryTimeout = perTry ?? TimeSpan.FromSeconds(5),
            BaseRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
            MaxBlobBytes = 1024,
        });

    private static HttpResponseMessage Created()
    {
        var response = StubHandler.Status(201);
        response.Headers.ETag = new System.Net.Http.Headers.EntityTagHeaderValue("\"0x1\"");
        return response;
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(408)]
    public async Task RetriesServerErrorsAndRequestTimeouts(int status)
    {
        var handler = new StubHandler((_, call, _) => Task.FromResult(call < 3 ? StubHandler.Status(status, "ServerBusy") : Created()));
        using var client = Client(handler);
        Assert.Equal("\"0x1\"", await client.PutBlobAsync("container", "blob", new byte[] { 1 }));
        Assert.Equal(3, handler.Calls);
    }

    [Theory]
    [InlineData(400, "InvalidHeaderValue")]
    [InlineData(403, "AuthenticationFailed")]
    [InlineData(404, "ContainerNotFound")]
    [InlineData(409, "BlobAlreadyExists")]
    [InlineData(412, "ConditionNotMet")]
    public async Task NeverRetriesClientErrors(int status, string code)
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Status(status, code)));
        using var client = Client(handler);
        var ex = await Assert.ThrowsAsync<AzureBlobException>(() => client.PutBlobAsync("container", "blob", new byte[] { 1 }, BlobConditions.IfNotExists));
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal(code, ex.ErrorCode);
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task ErrorCode_FallsBackToTheXmlBody()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(
            StubHandler.Status(409, null, "<?xml version=\"1.0\"?><Error><Code>LeaseAlreadyPresent</Code></Error>"u8.ToArray())));
        using var client = Client(handler);
        var ex = await Assert.ThrowsAsync<AzureBlobException>(() => client.AcquireLeaseAsync("container", "blob", null));
        Assert.Equal("LeaseAlreadyPresent", ex.ErrorCode);
    }

    [Fact]
    public async Task PerTryTimeout_IsRetried_ThenGivesUpWithTransportFailure()
    {
        var handler = new StubHandler(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return StubHandler.Status(200);
        });
        using var client = Client(handler, attempts: 3, perTry: TimeSpan.FromMilliseconds(50));
        var ex = await Assert.ThrowsAsync<AzureBlobException>(() => client.GetBlobAsync("container", "blob"));
        Assert.Equal(AzureBlobException.TransportFailure, ex.ErrorCode);
        Assert.Equal(0, ex.StatusCode);
        Assert.Equal(3, handler.Calls);
    }

    [Fact]
    public async Task CallerCancellation_IsNotRetried()
    {
        var handler = new StubHandler(async (_, _, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return StubHandler.Status(200);
        });
        using var client = Client(handler);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetBlobAsync("container", "blob", ct: cts.Token));
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public async Task ConnectionErrors_AreRetried()
    {
        var handler = new StubHandler((_, call, _) => call == 1
            ? throw new HttpRequestException("connection refused")
            : Task.FromResult(StubHandler.Status(404, "BlobNotFound")));
        using var client = Client(handler);
        Assert.Null(await client.GetBlobAsync("container", "blob"));
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task DeclaredOversizedBody_IsRefusedBeforeReading()
    {
        var handler = new StubHandler((_, _, _) =>
        {
            var response = StubHandler.Status(200);
            response.Content = new StreamContent(new NeverEndingStream());
            response.Content.Headers.ContentLength = long.MaxValue / 2;
            return Task.FromResult(response);
        });
        using var client = Client(handler);
        var ex = await Assert.ThrowsAsync<AzureBlobException>(() => client.GetBlobAsync("container", "blob"));
        Assert.Equal(AzureBlobException.ResponseTooLarge, ex.ErrorCode);
    }

    [Fact]
    public async Task UndeclaredOversizedBody_IsCutOffAtTheCap()
    {
        var handler = new StubHandler((_, _, _) =>
        {
            var response = StubHandler.Status(200);
            response.Content = new StreamContent(new NeverEndingStream());
            return Task.FromResult(response);
        });
        using var client = Client(handler);
        var ex = await Assert.ThrowsAsync<AzureBlobException>(() => client.GetBlobAsync("container", "blob"));
        Assert.Equal(AzureBlobException.ResponseTooLarge, ex.ErrorCode);
    }

    [Fact]
    public async Task GarbageListing_IsATypedError()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Status(200, null, "<EnumerationResults><Blobs><Blob>"u8.ToArray())));
        using var client = Client(handler);
        var ex = await Assert.ThrowsAsync<AzureBlobException>(() => client.ListBlobsPageAsync("container"));
        Assert.Equal(AzureBlobException.MalformedResponse, ex.ErrorCode);
    }

    [Fact]
    public async Task RepeatedNextMarker_StopsTheListing()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(StubHandler.Status(200, null,
            "<EnumerationResults><Blobs><Blob><Name>a</Name></Blob></Blobs><NextMarker>same</NextMarker></EnumerationResults>"u8.ToArray())));
        using var client = Client(handler);
        var ex = await Assert.ThrowsAsync<AzureBlobException>(async () =>
        {
            await foreach (var _ in client.ListBlobsAsync("container"))
            {
            }
        });
        Assert.Equal(AzureBlobException.MalformedResponse, ex.ErrorCode);
    }

    [Fact]
    public async Task Requests_CarryVersionDateAndSharedKey()
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(Created()));
        using var client = Client(handler);
        await client.PutBlobAsync("container", "dir/näme", new byte[] { 1, 2 }, BlobConditions.IfNotExists);
        var request = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/devstoreaccount1/container/dir/n%C3%A4me", request.RequestUri!.AbsolutePath);
        Assert.Equal(AzureBlobClientOptions.DEFAULT_API_VERSION, request.Headers.GetValues("x-ms-version").Single());
        Assert.True(request.Headers.Contains("x-ms-date"));
        Assert.StartsWith("SharedKey devstoreaccount1:", request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
        Assert.Equal("*", request.Headers.GetValues("If-None-Match").Single());
        Assert.Equal("BlockBlob", request.Headers.GetValues("x-ms-blob-type").Single());
    }

    [Theory]
    [InlineData("Bad")]
    [InlineData("a")]
    [InlineData("-abc")]
    [InlineData("ab--c")]
    public async Task InvalidContainerNames_AreRejectedLocally(string container)
    {
        var handler = new StubHandler((_, _, _) => Task.FromResult(Created()));
        using var client = Client(handler);
        await Assert.ThrowsAsync<ArgumentException>(() => client.CreateContainerIfNotExistsAsync(container));
        Assert.Equal(0, handler.Calls);
    }

    private sealed class NeverEndingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => 0; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Fill(buffer, (byte)'x', offset, count);
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
