using Hemi.Ethereum;
using Hemi.Protocol.L2.Blocks;

namespace Hemi.Protocol.Tests.L2.Blocks;

public sealed class L2HeaderValidatorTests
{
    private static readonly L2BlockHeader Parent = new() { Number = 4, Timestamp = 48, GasLimit = 30_000_000, GasUsed = 30_000_000, BaseFeePerGas = 1_000_000_000 };

    private static L2BlockHeader Child => new()
    {
        ParentHash = Parent.Hash,
        Number = 5,
        Timestamp = 60,
        GasLimit = 30_000_000,
        BaseFeePerGas = 1_125_000_000,
    };

    [Fact]
    public void Validate_AcceptsAProperChild()
    {
        Assert.Null(L2HeaderValidator.Validate(Parent, Child));
    }

    [Fact]
    public void Validate_RejectsEachBrokenRule()
    {
        L2BlockHeader[] broken =
        [
            Child with { ParentHash = Hash32.Zero },
            Child with { Number = 6 },
            Child with { Timestamp = 48 },
            Child with { GasLimit = 30_029_296 },
            Child with { GasLimit = 4_999 },
            Child with { BaseFeePerGas = 1_124_999_999 },
            Child with { Difficulty = 1 },
            Child with { Nonce = 1 },
            Child with { BaseFeePerGas = null },
            Child with { GasUsed = 30_000_001 },
        ];
        foreach (var header in broken)
        {
            Assert.NotNull(L2HeaderValidator.Validate(Parent, header));
        }
    }
}
