using System.Net;

namespace Hemi.Storage.AzureBlob.Tests;

/// <summary>An in-memory HTTP handler answering from a script, recording every request.</summary>
public sealed class StubHandler(Func<HttpRequestMessage, int, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private int _calls;

    public List<HttpRequestMessage> Requests { get; } = [];

    public int Calls => _calls;

    public static HttpResponseMessage Status(int status, string? errorCode = null, byte[]? body = null)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new ByteArrayContent(body ?? []) };
        if (errorCode is not null)
        {
            response.Headers.TryAddWithoutValidation("x-ms-error-code", errorCode);
        }

        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (Requests)
        {
            Requests.Add(request);
        }

        return respond(request, Interlocked.Increment(ref _calls), cancellationToken);
    }
}
