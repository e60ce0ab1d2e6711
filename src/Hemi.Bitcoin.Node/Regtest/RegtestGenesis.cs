using Hemi.Bitcoin.Blocks;
using Hemi.Bitcoin.Transactions;

namespace Hemi.Bitcoin.Node;

/// <summary>The full regtest genesis block: Satoshi's coinbase under <see cref="Network.Regtest"/>'s genesis header.</summary>
internal static class RegtestGenesis
{
    // The genesis coinbase ("The Times 03/Jan/2009 ..."), shared by every network; only its hash is in the header.
    private const string CoinbaseHex =
        "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff4d04ffff001d0104455468652054696d65732030332f4a616e2f32303039204368616e63656c6c6f72206f6e206272696e6b206f66207365636f6e64206261696c6f757420666f722062616e6b73ffffffff0100f2052a01000000434104678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb649f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5fac00000000";

    public static Block Create(Network network)
    {
        var block = new Block(network.GenesisHeader, [Transaction.ParseHex(CoinbaseHex)]);
        if (block.ComputeMerkleRoot() != network.GenesisHeader.MerkleRoot)
        {
            throw new InvalidOperationException("The genesis coinbase does not match the network's genesis merkle root.");
        }

        return block;
    }
}
