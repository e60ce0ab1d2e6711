using System.Net;

namespace Hemi.Storage.AzureBlob;

/// <summary>
/// A failed Azure Blob operation: the HTTP status (0 when no response arrived, e.g. after the last
/// timed-out try) and the service's error code from <c>x-ms-error-code</c> (or the XML error body).
/// Malformed or oversized responses use the codes <see cref="MalformedResponse"/> and <see cref="ResponseTooLarge"/>.
/// </summary>
public class AzureBlobException : Exception
{
    /// <summary>Error code for a response whose body or headers could not be understood.</summary>
    public const string MalformedResponse = "HemiMalformedResponse";

    /// <summary>Error code for a response larger than the configured cap.</summary>
    public const string ResponseTooLarge = "HemiResponseTooLarge";

    /// <summary>Error code when every try timed out or failed in transport.</summary>
    public const string TransportFailure = "HemiTransportFailure";

    public AzureBlobException(int statusCode, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status code, or 0 when no response was received.</summary>
    public int StatusCode { get; }

    /// <summary>The HTTP status, or <see langword="null"/> when no response was received.</summary>
    public HttpStatusCode? Status => StatusCode == 0 ? null : (HttpStatusCode)StatusCode;

    /// <summary>The storage error code (e.g. <c>AuthenticationFailed</c>, <c>ConditionNotMet</c>).</summary>
    public string? ErrorCode { get; }
}
