using System.Globalization;
using System.Xml;

namespace Hemi.Storage.AzureBlob;

/// <summary>
/// Parses the <c>EnumerationResults</c> XML of "List Blobs". Hostile input (garbage, DTDs, missing names,
/// bad numbers) gives an <see cref="AzureBlobException"/> with <see cref="AzureBlobException.MalformedResponse"/>.
/// </summary>
public static class BlobListParser
{
    /// <summary>Most entries accepted in one page (the service returns at most 5000).</summary>
    public const int MaxEntriesPerPage = 5000;

    public static BlobListPage Parse(ReadOnlySpan<byte> xml) => Parse(xml.ToArray());

    public static BlobListPage Parse(byte[] xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        try
        {
            using var stream = new MemoryStream(xml, writable: false);
            using var reader = XmlReader.Create(stream, SafeSettings(xml.Length));
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "EnumerationResults")
            {
                throw Malformed($"expected <EnumerationResults>, found <{reader.LocalName}>");
            }

            var blobs = new List<BlobItem>();
            string? nextMarker = null;
            if (reader.IsEmptyElement)
            {
                return new BlobListPage(blobs, null);
            }

            reader.ReadStartElement();
            while (reader.MoveToContent() == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "Blobs":
                        ReadBlobs(reader, blobs);
                        break;
                    case "NextMarker":
                        nextMarker = reader.ReadElementContentAsString();
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return new BlobListPage(blobs, string.IsNullOrEmpty(nextMarker) ? null : nextMarker);
        }
        catch (XmlException ex)
        {
            throw Malformed(ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw Malformed(ex.Message, ex);
        }
    }

    /// <summary>The <c>&lt;Code&gt;</c> of an XML error body, or null when there is none or it is unreadable.</summary>
    public static string? TryReadErrorCode(byte[] xml)
    {
        if (xml.Length == 0)
        {
            return null;
        }

        try
        {
            using var stream = new MemoryStream(xml, writable: false);
            using var reader = XmlReader.Create(stream, SafeSettings(xml.Length));
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "Code")
                {
                    var code = reader.ReadElementContentAsString();
                    return code.Length is > 0 and <= 128 ? code : null;
                }
            }
        }
        catch (XmlException)
        {
        }
        catch (InvalidOperationException)
        {
        }

        return null;
    }

    private static void ReadBlobs(XmlReader reader, List<BlobItem> blobs)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return;
        }

        reader.ReadStartElement();
        while (reader.MoveToContent() == XmlNodeType.Element)
        {
            if (reader.LocalName == "Blob")
            {
                if (blobs.Count >= MaxEntriesPerPage)
                {
                    throw Malformed($"more than {MaxEntriesPerPage} entries in one page");
                }

                blobs.Add(ReadBlob(reader));
            }
            else
            {
                reader.Skip(); // BlobPrefix (delimiter listings) and future elements
            }
        }

        reader.ReadEndElement();
    }

    private static BlobItem ReadBlob(XmlReader reader)
    {
        string? name = null;
        string? eTag = null;
        long? length = null;
        if (reader.IsEmptyElement)
        {
            throw Malformed("<Blob> without <Name>");
        }

        reader.ReadStartElement();
        while (reader.MoveToContent() == XmlNodeType.Element)
        {
            switch (reader.LocalName)
            {
                case "Name":
                    var encoded = reader.GetAttribute("Encoded") == "true";
                    name = reader.ReadElementContentAsString();
                    if (encoded)
                    {
                        name = Uri.UnescapeDataString(name);
                    }

                    break;
                case "Properties":
                    if (reader.IsEmptyElement)
                    {
                        reader.Read();
                        break;
                    }

                    reader.ReadStartElement();
                    while (reader.MoveToContent() == XmlNodeType.Element)
                    {
                        switch (reader.LocalName)
                        {
                            case "Etag":
                                eTag = reader.ReadElementContentAsString();
                                break;
                            case "Content-Length":
                                var text = reader.ReadElementContentAsString();
                                if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                                {
                                    throw Malformed($"Content-Length '{Truncate(text)}' is not a non-negative integer");
                                }

                                length = parsed;
                                break;
                            default:
                                reader.Skip();
                                break;
                        }
                    }

                    reader.ReadEndElement();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        reader.ReadEndElement();
        if (string.IsNullOrEmpty(name))
        {
            throw Malformed("<Blob> without <Name>");
        }

        return new BlobItem(name, eTag, length);
    }

    private static XmlReaderSettings SafeSettings(long length) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = Math.Max(1024, length * 2),
        MaxCharactersFromEntities = 1024,
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static AzureBlobException Malformed(string why, Exception? inner = null) =>
        new(200, AzureBlobException.MalformedResponse, $"Malformed List Blobs response: {why}.", inner);
}
