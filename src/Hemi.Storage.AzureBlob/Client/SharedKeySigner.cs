using System.Security.Cryptography;
using System.Text;

namespace Hemi.Storage.AzureBlob;

/// <summary>
/// Azure Storage "Authorize with Shared Key" for the Blob service (version 2009-09-19 and later):
/// builds the string to sign from the verb, the standard headers, the canonicalized <c>x-ms-*</c> headers and
/// the canonicalized resource, and signs it with HMAC-SHA256 under the account key.
/// </summary>
public static class SharedKeySigner
{
    /// <summary>Builds the exact string to sign.</summary>
    /// <param name="method">The HTTP verb, upper case.</param>
    /// <param name="headers">All request headers (names case-insensitive); multiple values already comma-joined.</param>
    /// <param name="accountName">The account name.</param>
    /// <param name="encodedPath">The request path exactly as sent (percent-encoded), starting with '/'.</param>
    /// <param name="query">The decoded query parameters.</param>
    public static string BuildStringToSign(
        string method,
        IReadOnlyDictionary<string, string> headers,
        string accountName,
        string encodedPath,
        IEnumerable<KeyValuePair<string, string>> query)
    {
        var sb = new StringBuilder(256);
        sb.Append(method).Append('\n');
        sb.Append(Header(headers, "Content-Encoding")).Append('\n');
        sb.Append(Header(headers, "Content-Language")).Append('\n');
        // Since 2015-02-21 a zero length is signed as the empty string.
        var length = Header(headers, "Content-Length");
        sb.Append(length == "0" ? string.Empty : length).Append('\n');
        sb.Append(Header(headers, "Content-MD5")).Append('\n');
        sb.Append(Header(headers, "Content-Type")).Append('\n');
        // x-ms-date is always sent, so the Date line stays empty.
        sb.Append(headers.ContainsKey("x-ms-date") ? string.Empty : Header(headers, "Date")).Append('\n');
        sb.Append(Header(headers, "If-Modified-Since")).Append('\n');
        sb.Append(Header(headers, "If-Match")).Append('\n');
        sb.Append(Header(headers, "If-None-Match")).Append('\n');
        sb.Append(Header(headers, "If-Unmodified-Since")).Append('\n');
        sb.Append(Header(headers, "Range")).Append('\n');

        foreach (var (name, value) in headers
                     .Where(h => h.Key.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
                     .Select(h => (Name: h.Key.ToLowerInvariant(), Value: UnfoldWhitespace(h.Value)))
                     .OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }

        sb.Append('/').Append(accountName).Append(encodedPath);
        foreach (var group in query
                     .GroupBy(q => q.Key.ToLowerInvariant(), StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            sb.Append('\n').Append(group.Key).Append(':')
              .Append(string.Join(',', group.Select(q => q.Value).Order(StringComparer.Ordinal)));
        }

        return sb.ToString();
    }

    /// <summary>The <c>Authorization</c> header value: <c>SharedKey account:signature</c>.</summary>
    public static string Sign(string stringToSign, string accountName, ReadOnlySpan<byte> accountKey)
    {
        var mac = HMACSHA256.HashData(accountKey, Encoding.UTF8.GetBytes(stringToSign));
        return $"SharedKey {accountName}:{Convert.ToBase64String(mac)}";
    }

    private static string Header(IReadOnlyDictionary<string, string> headers, string name) =>
        headers.TryGetValue(name, out var value) ? value : string.Empty;

    // "Unfold the string by replacing any breaking white space with a single space" and trim around the colon.
    private static string UnfoldWhitespace(string value)
    {
        var trimmed = value.Trim();
        if (!trimmed.Contains('\n') && !trimmed.Contains('\r'))
        {
            return trimmed;
        }

        var sb = new StringBuilder(trimmed.Length);
        var pendingSpace = false;
        foreach (var c in trimmed)
        {
            if (c is '\r' or '\n')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && (c == ' ' || c == '\t'))
            {
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
