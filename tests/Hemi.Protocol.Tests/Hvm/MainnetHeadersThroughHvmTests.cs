using System.Buffers.Binary;
using System.Numerics;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Headers;
using Hemi.Ethereum;
using Hemi.Protocol.Hvm;
using Hemi.Protocol.Hvm.Precompiles;
using Hemi.Protocol.L2.Assembly;
using Hemi.Protocol.L2.Execution;
using Hemi.Protocol.L2.Genesis;
using Hemi.Protocol.L2.Transactions;

namespace Hemi.Protocol.Tests.Hvm;

/// <summary>Real mainnet headers carried by 0x7C transactions through sealed blocks, then read back by the header precompiles.</summary>
public sealed class MainnetHeadersThroughHvmTests
{
    private const string HeadersFile = "hemi/mainnet_headers.bin";
    private const int Count = 150;

    [VectorFact(HeadersFile)]
    public void HeaderPrecompiles_ReturnTheRecordedMainnetHeaders_AtTheirHeights()
    {
        var file = TestVectors.ReadAllBytes(HeadersFile);
        var headers = new List<byte[]> { Network.Mainnet.GenesisHeader.ToBytes() };
        for (var i = 0; i < Count; i++)
        {
            headers.Add(file.AsSpan(4 + (i * BlockHeader.Size), BlockHeader.Size).ToArray());
        }

        Assert.True(BinaryPrimitives.ReadUInt32LittleEndian(file) >= Count);

        var genesis = new L2Genesis { ChainId = 43111, Timestamp = 1_739_286_001 }.Build();
        var engine = new L2Genesis { ChainId = 43111 }.CreateEngine();
        var parent = genesis.Header;
        var state = genesis.State;
        foreach (var batch in headers.Chunk(BitcoinAttributesCall.MaxHeaders))
        {
            var tip = BlockHeader.Parse(batch[^1]).GetHash();
            var attributes = BitcoinAttributesTransaction.Create(new BitcoinAttributesCall(tip, batch));
            var context = BlockContext.Following(parent, parent.Timestamp + 12, Address.Zero, 43111);
            parent = L2BlockBuilder.Build(engine, parent, state, [attributes], context, new Hash32(tip.ToInternalBytes())).Header;
        }

        var view = new HvmStateBitcoinView(state, 0, Network.Mainnet);
        var caller = Address.Zero;

        var last = engine.SimulateCall(state, caller, HvmPrecompiles.AddressOf(HvmPrecompile.BtcLastHeader), [], BigInteger.Zero, view);
        Assert.True(last.Succeeded);
        var lastRecord = HvmHeaderRecord.Decode(last.ReturnData);
        Assert.Equal((uint)Count - HvmStateBitcoinView.HvmIndexerTipLag, lastRecord.Height);
        Assert.Equal(headers[(int)lastRecord.Height], lastRecord.Header.ToBytes());

        foreach (var height in new uint[] { 0, 1, 7, 100, Count - 2 })
        {
            var input = new byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(input, height);
            var result = engine.SimulateCall(state, caller, HvmPrecompiles.AddressOf(HvmPrecompile.BtcHeaderN), input, BigInteger.Zero, view);
            var record = HvmHeaderRecord.Decode(result.ReturnData);
            Assert.Equal(height, record.Height);
            Assert.Equal(headers[(int)height], record.Header.ToBytes());
        }

        Assert.Equal("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", view.GetHeaderByHeight(0)!.Hash.ToString());
        Assert.Equal(view.GetHeaderByHeight(0)!.Hash, view.GetHeaderByHeight(1)!.Header.PrevBlock);
        var beyond = engine.SimulateCall(state, caller, HvmPrecompiles.AddressOf(HvmPrecompile.BtcHeaderN), [0, 0, 0, Count], BigInteger.Zero, view);
        Assert.True(beyond.Succeeded);
        Assert.Empty(beyond.ReturnData);
    }
}
