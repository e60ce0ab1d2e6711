using Hemi.Cli.Commands;

namespace Hemi.Cli.Tests.Commands;

public sealed class DemoCommandTests
{
    [VectorFact("hemi/mainnet_headers.bin", "hemi/0000000000000006200009cf36af2bbcb1362b887b4e2625113b6b44327435b8.hex")]
    public void Demo_ValidatesAllMainnetHeadersAndFindsEveryPopOutput()
    {
        var output = new StringWriter();

        DemoCommand.Run(TestVectors.Root, output);

        var text = output.ToString();
        Assert.Contains("32,260 of 32,260 headers validated", text);
        Assert.Contains("difficulty change at 32256: 0x1d00ffff -> 0x1d00d86a", text);
        Assert.Contains("3448 PoP outputs, 316 distinct keystones", text);
    }

    [VectorFact("hemi/mainnet_headers.bin")]
    public void HeadersValidate_ReportsTheFirstBadHeader()
    {
        var raw = TestVectors.ReadAllBytes("hemi/mainnet_headers.bin");
        // Break the prev-block link of header 101 (offset 4 + 100·80 + 4).
        raw[4 + (100 * 80) + 4] ^= 0xff;
        var file = Path.Combine(Path.GetTempPath(), $"hemi-headers-{Guid.NewGuid():N}.bin");
        File.WriteAllBytes(file, raw);
        try
        {
            var output = new StringWriter();
            var error = Assert.Throws<CliException>(() => HeadersCommand.Validate(new FileInfo(file), "main", output));

            Assert.Contains("header 101", error.Message);
            Assert.Contains("100 of 32,260 headers validated", output.ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void KeystoneDecode_PrintsFieldsOfTheSpecVector()
    {
        var output = new StringWriter();

        KeystoneCommand.Decode(
            "01badc0ffedeadbeefa9a11f501c3be85c3c55125f4b6da47a8e92cdc0ca0d8a315f5bdb76d078c43b8ac0064e4a0164612b1fce77c869345bfc94c75894edd3c38d220b9d1966b2e32e452e",
            output);

        Assert.Contains("hash (display)       7f5fc40faacd86f1bd3baee54cd49f1071b49bd9c95569c96ea2952d7419cf61", output.ToString());
        Assert.Contains("l2_block_number      3735928559", output.ToString());
    }

    [Fact]
    public void KeystoneDecode_RejectsGarbageWithTypedError()
    {
        Assert.ThrowsAny<FormatException>(() => KeystoneCommand.Decode("6a0442564d01", new StringWriter()));
    }
}
