using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Hemi.Grains.Runtime.Membership;

/// <summary>
/// The text form of a <see cref="SiloAddress"/> used in stored membership rows and directory entries:
/// <c>"{endpoint}@{generation}"</c>, e.g. <c>127.0.0.1:11111@1234</c> or <c>[::1]:11111@1234</c>.
/// </summary>
public static class SiloAddressText
{
    /// <summary>Longest accepted text (an IPv6 endpoint with scope plus a generation fits easily).</summary>
    public const int MaxLength = 128;

    /// <summary>Formats an address.</summary>
    public static string Format(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return string.Create(CultureInfo.InvariantCulture, $"{silo.Endpoint}@{silo.Generation}");
    }

    /// <summary>Parses the text form; false for anything else (never throws).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SiloAddress? silo)
    {
        silo = null;
        if (text is null || text.Length is 0 or > MaxLength)
        {
            return false;
        }

        int at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return false;
        }

        var endpointText = text.AsSpan(0, at);
        // Require an explicit port: IPEndPoint.TryParse would read a bare address as port 0.
        int colon = endpointText.LastIndexOf(':');
        int bracket = endpointText.LastIndexOf(']');
        if (colon < 0 || colon < bracket || (bracket < 0 && endpointText.IndexOf(':') != colon))
        {
            return false;
        }

        if (!IPEndPoint.TryParse(endpointText, out var endpoint) ||
            !int.TryParse(text.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int generation))
        {
            return false;
        }

        silo = new SiloAddress(endpoint, generation);
        return true;
    }

    /// <summary>A name usable as a storage key: the text form with ':' and '@' replaced, IPv6 brackets removed.</summary>
    public static string ToKey(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var address = silo.Endpoint.Address.ToString().Replace(':', '_').Replace('%', '_');
        return string.Create(CultureInfo.InvariantCulture, $"{address}-{silo.Endpoint.Port}-{silo.Generation}");
    }
}
