using FsCheck;
using FsCheck.Fluent;
using Hemi.Bitcoin.Scripts;

namespace Hemi.Bitcoin.Tests.Scripts;

public sealed class ScriptTests
{
    [Fact]
    public void Ops_DecodesPushesAndOpcodesWithOffsets()
    {
        var script = Script.FromOwnedBytes(Convert.FromHexString("0001ab4c02cdef4d0100ee4e01000000ff76"));
        var ops = script.Ops.ToList();
        Assert.Equal(6, ops.Count);
        Assert.Equal(OpcodeType.OP_0, ops[0].Opcode);
        Assert.True(ops[0].Data.IsEmpty);
        Assert.Equal((OpcodeType)1, ops[1].Opcode);
        Assert.Equal([0xab], ops[1].Data.ToArray());
        Assert.Equal(OpcodeType.OP_PUSHDATA1, ops[2].Opcode);
        Assert.Equal([0xcd, 0xef], ops[2].Data.ToArray());
        Assert.Equal(3, ops[2].Offset);
        Assert.Equal(4, ops[2].EncodedLength);
        Assert.Equal(OpcodeType.OP_PUSHDATA2, ops[3].Opcode);
        Assert.Equal([0xee], ops[3].Data.ToArray());
        Assert.Equal(OpcodeType.OP_PUSHDATA4, ops[4].Opcode);
        Assert.Equal([0xff], ops[4].Data.ToArray());
        Assert.Equal(OpcodeType.OP_DUP, ops[5].Opcode);
        Assert.False(ops[5].IsPush);
        Assert.False(ops[2].IsMinimalPush);
        Assert.False(ops[1].IsMinimalPush == false);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("0201")]
    [InlineData("4c")]
    [InlineData("4c0201")]
    [InlineData("4d01")]
    [InlineData("4dffff01")]
    [InlineData("4e010000")]
    [InlineData("4effffffff01")]
    public void Ops_TruncatedPush_ThrowsBitcoinFormatException(string hex)
    {
        var script = Script.FromOwnedBytes(Convert.FromHexString(hex));
        Assert.Throws<BitcoinFormatException>(() => script.Ops.ToList());
        Assert.False(script.IsWellFormed);
        Assert.False(script.IsPushOnly);
        Assert.False(script.HasOnlyMinimalPushes());
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("00515f604f50", true)] // OP_RESERVED counts as push-only, as in Bitcoin Core
    [InlineData("0102034c0100", true)]
    [InlineData("0061", false)]
    [InlineData("76", false)]
    public void IsPushOnly_FollowsBitcoinCore(string hex, bool expected)
    {
        Assert.Equal(expected, Script.FromOwnedBytes(Convert.FromHexString(hex)).IsPushOnly);
    }

    [Theory]
    [InlineData("", OpcodeType.OP_0, true)]
    [InlineData("", OpcodeType.OP_PUSHDATA1, false)]
    [InlineData("05", OpcodeType.OP_5, true)]
    [InlineData("05", (OpcodeType)1, false)]
    [InlineData("10", OpcodeType.OP_16, true)]
    [InlineData("11", (OpcodeType)1, true)]
    [InlineData("81", OpcodeType.OP_1NEGATE, true)]
    [InlineData("81", (OpcodeType)1, false)]
    [InlineData("00", (OpcodeType)1, true)]
    [InlineData("0000", OpcodeType.OP_PUSHDATA1, false)]
    public void CheckMinimalPush_FollowsBitcoinCore(string dataHex, OpcodeType opcode, bool expected)
    {
        Assert.Equal(expected, Script.CheckMinimalPush(Convert.FromHexString(dataHex), opcode));
    }

    [Fact]
    public void CheckMinimalPush_LengthBoundaries()
    {
        Assert.True(Script.CheckMinimalPush(new byte[75], (OpcodeType)75));
        Assert.False(Script.CheckMinimalPush(new byte[75], OpcodeType.OP_PUSHDATA1));
        Assert.True(Script.CheckMinimalPush(new byte[76], OpcodeType.OP_PUSHDATA1));
        Assert.True(Script.CheckMinimalPush(new byte[255], OpcodeType.OP_PUSHDATA1));
        Assert.False(Script.CheckMinimalPush(new byte[256], OpcodeType.OP_PUSHDATA1));
        Assert.True(Script.CheckMinimalPush(new byte[256], OpcodeType.OP_PUSHDATA2));
        Assert.False(Script.CheckMinimalPush(new byte[256], OpcodeType.OP_PUSHDATA4));
        Assert.True(Script.CheckMinimalPush(new byte[65536], OpcodeType.OP_PUSHDATA4));
    }

    [Theory]
    [InlineData(0L, "")]
    [InlineData(1L, "01")]
    [InlineData(-1L, "81")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "8000")]
    [InlineData(-128L, "8080")]
    [InlineData(255L, "ff00")]
    [InlineData(256L, "0001")]
    [InlineData(-255L, "ff80")]
    [InlineData(2147483647L, "ffffff7f")]
    [InlineData(-2147483648L, "0000008080")]
    [InlineData(long.MaxValue, "ffffffffffffff7f")]
    [InlineData(-long.MaxValue, "ffffffffffffffff")]
    public void ScriptNum_EncodesLikeCScriptNum(long value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(ScriptNum.Encode(value)));
        Assert.Equal(value, ScriptNum.Decode(Convert.FromHexString(hex), requireMinimal: true, maxSize: 8));
    }

    [Theory]
    [InlineData("00")]
    [InlineData("80")]
    [InlineData("0100")]
    [InlineData("7f80")]
    public void ScriptNum_RejectsNonMinimalWhenRequired(string hex)
    {
        var data = Convert.FromHexString(hex);
        Assert.Throws<BitcoinFormatException>(() => ScriptNum.Decode(data));
        ScriptNum.Decode(data, requireMinimal: false);
    }

    [Fact]
    public void ScriptNum_RejectsOversize()
    {
        Assert.Throws<BitcoinFormatException>(() => ScriptNum.Decode([1, 2, 3, 4, 5]));
        Assert.Equal(0x0504030201L, ScriptNum.Decode([1, 2, 3, 4, 5], maxSize: 5));
    }

    [Fact]
    public void ScriptNum_RoundTrip_Property()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<long>(), value =>
            value == long.MinValue || ScriptNum.Decode(ScriptNum.Encode(value), true, 8) == value).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Builder_EmitsMinimalPushes()
    {
        Assert.Equal("00", Hex(new ScriptBuilder().Push([])));
        Assert.Equal("55", Hex(new ScriptBuilder().Push([5])));
        Assert.Equal("4f", Hex(new ScriptBuilder().Push([0x81])));
        Assert.Equal("0100", Hex(new ScriptBuilder().Push([0])));
        Assert.Equal("4b" + new string('0', 150), Hex(new ScriptBuilder().Push(new byte[75])));
        Assert.Equal("4c4c" + new string('0', 152), Hex(new ScriptBuilder().Push(new byte[76])));
        Assert.StartsWith("4d0001", Hex(new ScriptBuilder().Push(new byte[256])), StringComparison.Ordinal);
        Assert.StartsWith("4e00000100", Hex(new ScriptBuilder().Push(new byte[65536])), StringComparison.Ordinal);
        Assert.Equal("0105", Hex(new ScriptBuilder().PushWithLengthPrefix([5])));
        Assert.Equal("004f51600111", Hex(new ScriptBuilder().Push(0).Push(-1).Push(1).Push(16).Push(17)));
    }

    [Fact]
    public void Builder_Push_IsAlwaysMinimal_Property()
    {
        var gen = Gen.Choose(0, 70000).SelectMany(n => Gen.Elements(0, 1, 2, 75, 76, 255, 256, 65535, 65536, n % 300))
            .SelectMany(n => Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), n));
        Prop.ForAll(gen.ToArbitrary(), data =>
        {
            var script = new ScriptBuilder().Push(data).ToScript();
            var ops = script.Ops.ToList();
            return ops.Count == 1 && ops[0].IsMinimalPush && script.IsPushOnly
                && (ops[0].IsPush ? ops[0].Data.Span.SequenceEqual(data) : data.Length == 1);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Ops_OnRandomBytes_OnlyThrowBitcoinFormatException()
    {
        Prop.ForAll(ArbMap.Default.ArbFor<byte[]>(), bytes =>
        {
            bytes ??= [];
            var script = new Script(bytes);
            int consumed = 0;
            try
            {
                foreach (var op in script.Ops)
                {
                    consumed = op.Offset + op.EncodedLength;
                }

                return consumed == bytes.Length && script.IsWellFormed;
            }
            catch (BitcoinFormatException)
            {
                return !script.IsWellFormed;
            }
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void OpcodeNames_UseBitcoinCoreSpelling()
    {
        Assert.Equal("OP_CHECKLOCKTIMEVERIFY", OpcodeNames.GetName(OpcodeType.OP_NOP2));
        Assert.Equal("OP_CHECKSEQUENCEVERIFY", OpcodeNames.GetName(OpcodeType.OP_NOP3));
        Assert.Equal("OP_0", OpcodeNames.GetName(OpcodeType.OP_FALSE));
        Assert.Equal("OP_1", OpcodeNames.GetName(OpcodeType.OP_TRUE));
        Assert.Equal("OP_CHECKSIGADD", OpcodeNames.GetName((OpcodeType)0xba));
        Assert.Equal("OP_UNKNOWN", OpcodeNames.GetName((OpcodeType)0xbb));
        Assert.Equal("OP_UNKNOWN", OpcodeNames.GetName((OpcodeType)0x05));
        Assert.True(OpcodeNames.TryParse("NOP2", out var nop2) && nop2 == OpcodeType.OP_CHECKLOCKTIMEVERIFY);
        Assert.True(OpcodeNames.TryParse("OP_FALSE", out var f) && f == OpcodeType.OP_0);
        Assert.False(OpcodeNames.TryParse("OP_UNKNOWN", out _));
    }

    private static string Hex(ScriptBuilder builder) => Convert.ToHexStringLower(builder.ToArray());
}
