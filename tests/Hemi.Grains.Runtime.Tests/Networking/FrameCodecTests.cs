using System.Buffers;
using System.Buffers.Binary;
using FsCheck;
using FsCheck.Fluent;
using Hemi.Grains.Runtime.Networking;

namespace Hemi.Grains.Runtime.Tests.Networking;

public sealed class FrameCodecTests
{
    private static readonly FrameLimits Limits = new(4096, 1 << 20);

    private static Gen<object?> ContextValue =>
        Gen.OneOf(
            Gen.Constant<object?>(null),
            ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !HasLoneSurrogate(s)).Select(s => (object?)s),
            ArbMap.Default.GeneratorFor<byte[]>().Select(b => (object?)b));

    private static Gen<IReadOnlyDictionary<string, object?>?> Context =>
        Gen.OneOf(
            Gen.Constant<IReadOnlyDictionary<string, object?>?>(null),
            Gen.ListOf(Gen.Zip(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !HasLoneSurrogate(s)), ContextValue))
                .Select(pairs =>
                {
                    var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var (k, v) in pairs.Take(8))
                    {
                        map[k] = v;
                    }

                    return map.Count == 0 ? null : (IReadOnlyDictionary<string, object?>?)map;
                }));

    private static Arbitrary<Frame> Frames =>
        (from kind in Gen.Elements(Enum.GetValues<FrameKind>())
         from flags in Gen.Choose(0, (int)FrameFlags.All)
         from id in ArbMap.Default.GeneratorFor<long>()
         from body in ArbMap.Default.GeneratorFor<byte[]>()
         from context in Context
         select new Frame(kind, id, body, context, (FrameFlags)flags)).ToArbitrary();

    [Fact]
    public void Encode_ThenDecode_RoundTripsEveryField()
    {
        Prop.ForAll(Frames, frame =>
        {
            var decoded = FrameCodec.Decode(FrameCodec.Encode(frame, Limits), Limits);
            return decoded.Kind == frame.Kind && decoded.Flags == frame.Flags && decoded.CorrelationId == frame.CorrelationId &&
                   decoded.Body.Span.SequenceEqual(frame.Body.Span) && SameContext(frame.RequestContext, decoded.RequestContext);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void TryRead_SplitAcrossSegments_ReadsAllFramesInOrder()
    {
        var frames = Enumerable.Range(1, 5).Select(i => new Frame(FrameKind.Request, i, new byte[i * 37], new Dictionary<string, object?> { ["k"] = $"v{i}" })).ToArray();
        var bytes = frames.SelectMany(f => FrameCodec.Encode(f, Limits)).ToArray();
        var sequence = Segmented(bytes, 7);
        var read = new List<Frame>();
        while (FrameCodec.TryRead(ref sequence, Limits, out var frame))
        {
            read.Add(frame);
        }

        Assert.True(sequence.IsEmpty);
        Assert.Equal(frames.Select(f => f.CorrelationId), read.Select(f => f.CorrelationId));
        Assert.Equal(frames.Select(f => f.Body.Length), read.Select(f => f.Body.Length));
        Assert.All(read, (f, i) => Assert.Equal($"v{i + 1}", f.RequestContext!["k"]));
    }

    [Fact]
    public void TryRead_EveryStrictPrefix_NeedsMoreBytes()
    {
        var bytes = FrameCodec.Encode(new Frame(FrameKind.Response, 9, new byte[] { 1, 2, 3 }, new Dictionary<string, object?> { ["a"] = new byte[] { 4 } }), Limits);
        for (int n = 0; n < bytes.Length; n++)
        {
            var sequence = new ReadOnlySequence<byte>(bytes, 0, n);
            Assert.False(FrameCodec.TryRead(ref sequence, Limits, out _));
            Assert.Equal(n, sequence.Length);
            Assert.Throws<ConnectionFramingException>(() => FrameCodec.Decode(bytes.AsSpan(0, n), Limits));
        }
    }

    [Fact]
    public void TryRead_RejectsOversizedBodyFromThePrefixAlone()
    {
        var prefix = Prefix(FrameKind.Request, 0, 0, int.MaxValue);
        var sequence = new ReadOnlySequence<byte>(prefix);
        var e = Assert.Throws<ConnectionFramingException>(() => FrameCodec.TryRead(ref sequence, Limits, out _));
        Assert.Contains("Body length", e.Message);
    }

    [Theory]
    [InlineData(0, 0, -1, 0)]
    [InlineData(0, 0, 0, -1)]
    [InlineData(0, 0, 4097, 0)]
    [InlineData(0, 0, 0, (1 << 20) + 1)]
    [InlineData(0, 1, 0, 0)]
    [InlineData(0x80, 0, 0, 0)]
    public void TryRead_RejectsInvalidPrefix(int flags, int reserved, int headerLength, int bodyLength)
    {
        var prefix = Prefix(FrameKind.Request, (byte)flags, headerLength, bodyLength);
        BinaryPrimitives.WriteUInt16LittleEndian(prefix.AsSpan(2), (ushort)reserved);
        var sequence = new ReadOnlySequence<byte>(prefix);
        Assert.Throws<ConnectionFramingException>(() => FrameCodec.TryRead(ref sequence, Limits, out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(255)]
    public void TryRead_RejectsUnknownKind(int kind)
    {
        var prefix = Prefix((FrameKind)kind, 0, 0, 0);
        var sequence = new ReadOnlySequence<byte>(prefix);
        Assert.Throws<ConnectionFramingException>(() => FrameCodec.TryRead(ref sequence, Limits, out _));
    }

    [Fact]
    public void Decode_Garbage_ThrowsOnlyFramingErrors()
    {
        var valid = FrameCodec.Encode(new Frame(FrameKind.Request, 42, new byte[] { 9, 8, 7 }, new Dictionary<string, object?> { ["trace"] = "abc", ["bin"] = new byte[] { 1, 2 }, ["none"] = null }), Limits);
        var garbage = Gen.OneOf(
            ArbMap.Default.GeneratorFor<byte[]>(),
            from position in Gen.Choose(0, valid.Length - 1)
            from value in Gen.Choose(0, 255)
            select Mutate(valid, position, (byte)value),
            from cut in Gen.Choose(0, valid.Length - 1)
            select valid[..cut]).ToArbitrary();
        Prop.ForAll(garbage, bytes =>
        {
            try
            {
                var frame = FrameCodec.Decode(bytes, Limits);
                return frame.Body.Length <= Limits.MaxBodyLength;
            }
            catch (ConnectionFramingException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RequestContext_Garbage_ThrowsOnlyFramingErrors()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            try
            {
                RequestContextCodec.Read(bytes);
                return true;
            }
            catch (ConnectionFramingException)
            {
                return true;
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RequestContext_RejectsDuplicateKeysAndBadUtf8()
    {
        var one = RequestContextBytes(new Dictionary<string, object?> { ["k"] = "v" });
        var twice = new byte[2 + (one.Length - 2) * 2];
        BinaryPrimitives.WriteUInt16LittleEndian(twice, 2);
        one.AsSpan(2).CopyTo(twice.AsSpan(2));
        one.AsSpan(2).CopyTo(twice.AsSpan(one.Length));
        Assert.Throws<ConnectionFramingException>(() => RequestContextCodec.Read(twice));

        var badUtf8 = (byte[])one.Clone();
        badUtf8[4] = 0xFF; // the single key byte
        Assert.Throws<ConnectionFramingException>(() => RequestContextCodec.Read(badUtf8));
    }

    [Fact]
    public void RequestContext_RejectsEntryCountBeyondTheBytes()
    {
        var bytes = new byte[9];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, ushort.MaxValue);
        Assert.Throws<ConnectionFramingException>(() => RequestContextCodec.Read(bytes));
    }

    [Fact]
    public void Encode_RejectsValuesThatCannotCrossSilos()
    {
        var frame = new Frame(FrameKind.Request, 1, Array.Empty<byte>(), new Dictionary<string, object?> { ["n"] = 42 });
        Assert.Throws<ArgumentException>(() => FrameCodec.Encode(frame, Limits));
    }

    [Fact]
    public void Encode_RejectsBodyOverTheLimit()
    {
        var frame = new Frame(FrameKind.Request, 1, new byte[Limits.MaxBodyLength + 1]);
        Assert.Throws<ArgumentException>(() => FrameCodec.Encode(frame, Limits));
    }

    internal static byte[] Prefix(FrameKind kind, byte flags, int headerLength, int bodyLength)
    {
        var prefix = new byte[FrameCodec.PrefixLength];
        prefix[0] = (byte)kind;
        prefix[1] = flags;
        BinaryPrimitives.WriteInt64LittleEndian(prefix.AsSpan(4), 1);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(12), headerLength);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(16), bodyLength);
        return prefix;
    }

    private static byte[] RequestContextBytes(IReadOnlyDictionary<string, object?> context)
    {
        var bytes = new byte[RequestContextCodec.GetEncodedLength(context)];
        RequestContextCodec.Write(bytes, context);
        return bytes;
    }

    private static byte[] Mutate(byte[] valid, int position, byte value)
    {
        var copy = (byte[])valid.Clone();
        copy[position] = value;
        return copy;
    }

    private static bool SameContext(IReadOnlyDictionary<string, object?>? a, IReadOnlyDictionary<string, object?>? b)
    {
        if (a is null || a.Count == 0)
        {
            return b is null;
        }

        return b is not null && a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && kv.Value switch
        {
            null => v is null,
            string s => v is string t && s == t,
            byte[] x => v is byte[] y && x.AsSpan().SequenceEqual(y),
            _ => false,
        });
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int segmentLength)
    {
        Segment? first = null;
        Segment? last = null;
        for (int offset = 0; offset < bytes.Length; offset += segmentLength)
        {
            var chunk = bytes.AsMemory(offset, Math.Min(segmentLength, bytes.Length - offset));
            if (first is null)
            {
                first = last = new Segment(chunk, 0);
            }
            else
            {
                last = last!.Append(chunk);
            }
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
