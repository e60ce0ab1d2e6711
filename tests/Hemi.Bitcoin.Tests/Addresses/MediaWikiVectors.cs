using System.Text.RegularExpressions;

namespace Hemi.Bitcoin.Tests.Addresses;

/// <summary>Reads the bullet-list test vectors of a BIP's mediawiki text (strings in &lt;tt&gt;, optional 0xNN prefix/suffix bytes, reason or hex after the colon).</summary>
internal static partial class MediaWikiVectors
{
    /// <summary>Bullets between the line containing <paramref name="startMarker"/> and the next line containing <paramref name="endMarker"/>.</summary>
    public static List<(string Value, string Tail)> Bullets(string relativePath, string startMarker, string endMarker)
    {
        var lines = TestVectors.ReadText(relativePath).Split('\n');
        int start = Array.FindIndex(lines, l => l.Contains(startMarker, StringComparison.Ordinal));
        Assert.True(start >= 0, $"marker '{startMarker}' not found");
        var result = new List<(string, string)>();
        for (int i = start + 1; i < lines.Length && !lines[i].Contains(endMarker, StringComparison.Ordinal); i++)
        {
            var m = BulletRegex().Match(lines[i]);
            if (!m.Success)
            {
                continue;
            }

            string value = m.Groups["tt"].Value;
            if (m.Groups["pre"].Success)
            {
                value = (char)Convert.ToInt32(m.Groups["pre"].Value, 16) + value;
            }

            if (m.Groups["post"].Success)
            {
                value += (char)Convert.ToInt32(m.Groups["post"].Value, 16);
            }

            result.Add((value, m.Groups["rest"].Value.Trim()));
        }

        return result;
    }

    /// <summary>The hex inside &lt;tt&gt; of a "valid address: &lt;tt&gt;hex&lt;/tt&gt;" bullet.</summary>
    public static string TtContent(string rest)
    {
        var m = TtRegex().Match(rest);
        Assert.True(m.Success, rest);
        return m.Groups[1].Value;
    }

    [GeneratedRegex(@"^\* (?:0x(?<pre>[0-9A-Fa-f]{2}) \+ )?<tt>(?<tt>[^<]*)</tt>(?: \+ 0x(?<post>[0-9A-Fa-f]{2}))?(?<rest>.*)$")]
    private static partial Regex BulletRegex();

    [GeneratedRegex(@"<tt>([^<]*)</tt>")]
    private static partial Regex TtRegex();
}
