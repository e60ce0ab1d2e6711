using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Tests.Transactions;

public sealed class TransactionCheckBasicTests
{
    private static readonly OutPoint Spend = new(Hash256.DoubleSha256("a"u8), 0);

    private static Transaction Tx(IReadOnlyList<TxIn> inputs, params TxOut[] outputs) => new(2, inputs, outputs, 0);

    private static TxOut Out(long value) => new(value, [0x51]);

    [Fact]
    public void CheckBasic_AcceptsOrdinarySpend() =>
        Assert.Equal(TransactionError.None, Tx([new TxIn(Spend, [], 0xffffffff)], Out(1000)).CheckBasic());

    [Fact]
    public void CheckBasic_RejectsEmptyInputsOrOutputs()
    {
        Assert.Equal(TransactionError.NoInputs, Tx([], Out(1)).CheckBasic());
        Assert.Equal(TransactionError.NoOutputs, Tx([new TxIn(Spend, [], 0)]).CheckBasic());
    }

    [Fact]
    public void CheckBasic_RejectsBadAmounts()
    {
        var input = new TxIn(Spend, [], 0);
        Assert.Equal(TransactionError.NegativeOutput, Tx([input], Out(-1)).CheckBasic());
        Assert.Equal(TransactionError.OutputTooLarge, Tx([input], Out(Money.MaxMoney + 1)).CheckBasic());
        Assert.Equal(TransactionError.OutputTotalTooLarge, Tx([input], Out(Money.MaxMoney), Out(1)).CheckBasic());
        Assert.Equal(TransactionError.None, Tx([input], Out(Money.MaxMoney)).CheckBasic());
    }

    [Fact]
    public void CheckBasic_RejectsDuplicateInputsAndNullPrevouts()
    {
        Assert.Equal(TransactionError.DuplicateInputs, Tx([new TxIn(Spend, [], 0), new TxIn(Spend with { }, [1], 1)], Out(1)).CheckBasic());
        Assert.Equal(TransactionError.NullPrevOut, Tx([new TxIn(Spend, [], 0), new TxIn(OutPoint.Null, [], 0)], Out(1)).CheckBasic());
    }

    [Fact]
    public void CheckBasic_BoundsCoinbaseScriptLength()
    {
        Assert.Equal(TransactionError.BadCoinbaseLength, Tx([new TxIn(OutPoint.Null, [1], 0)], Out(1)).CheckBasic());
        Assert.Equal(TransactionError.BadCoinbaseLength, Tx([new TxIn(OutPoint.Null, new byte[101], 0)], Out(1)).CheckBasic());
        var coinbase = Tx([new TxIn(OutPoint.Null, [1, 2], 0)], Out(1));
        Assert.True(coinbase.IsCoinbase);
        Assert.Equal(TransactionError.None, coinbase.CheckBasic());
    }
}
