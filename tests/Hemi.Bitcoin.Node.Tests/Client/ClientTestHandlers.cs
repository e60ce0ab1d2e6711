using System.Net;
using System.Text;

namespace Hemi.Bitcoin.Node.Tests.Client;

/// <summary>Answers every request from <paramref name="respond"/> without any network.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public int Requests;

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Requests);
        return Task.FromResult(respond(request));
    }
}

/// <summary>Fails a deterministic share of requests with HTTP 503 before they reach the server.</summary>
internal sealed class FlakyHandler(int failOutOf) : DelegatingHandler(new SocketsHttpHandler())
{
    private int _count;

    public int Failures;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Of every failOutOf consecutive requests, all but the last fail.
        if (Interlocked.Increment(ref _count) % failOutOf != 0)
        {
            Interlocked.Increment(ref Failures);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("<html>busy</html>") });
        }

        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Forwards the first <paramref name="lose"/> requests to the server but drops their answers (HTTP 502).</summary>
internal sealed class AnswerLosingHandler(int lose) : DelegatingHandler(new SocketsHttpHandler())
{
    public int Lost;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (Interlocked.Increment(ref Lost) <= lose)
        {
            response.Dispose();
            return new HttpResponseMessage(HttpStatusCode.BadGateway);
        }

        Interlocked.Decrement(ref Lost);
        return response;
    }
}

/// <summary>Lets only requests with the expected basic credentials through; others get 401 like bitcoind.</summary>
internal sealed class BasicAuthHandler(string expected) : DelegatingHandler(new SocketsHttpHandler())
{
    public string Expected { get; set; } = expected;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = request.Headers.Authorization is { Scheme: "Basic", Parameter: { } p } ? Encoding.UTF8.GetString(Convert.FromBase64String(p)) : null;
        return sent == Expected
            ? base.SendAsync(request, cancellationToken)
            : Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));
    }
}

/// <summary>
/// Passes requests one at a time through a gate the test can hold shut, so a poller cannot observe the node between
/// two steps of a change; counts completed requests.
/// </summary>
internal sealed class GateHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _completed;

    public int Completed => Volatile.Read(ref _completed);

    public Task CloseAsync() => _gate.WaitAsync();

    public void Open() => _gate.Release();

    public async Task WaitForCompletedAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Completed < count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the client made no request");
            await Task.Delay(5);
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            _gate.Release();
            Interlocked.Increment(ref _completed);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }
}
