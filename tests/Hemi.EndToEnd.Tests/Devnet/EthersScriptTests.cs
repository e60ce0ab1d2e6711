using Hemi.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Hemi.EndToEnd.Tests.Devnet;

/// <summary>
/// A real Ethereum client against the real silo process: tests/e2e/ethers/e2e.mjs (ethers v6) sends ETH, transfers
/// hemiBTC through the ERC-20 ABI, reads Transfer logs with a filter, walks blocks and verifies eth_getProof answers
/// against the block's state root.
/// </summary>
[Collection(DevnetCollection.Name)]
public sealed class EthersScriptTests(ITestOutputHelper output)
{
    [SiloFact(needsNode: true)]
    public async Task EthersV6Script_PassesEveryCheckAgainstTheDevnet()
    {
        await using var devnet = await DevnetSession.StartAsync(output);
        Assert.NotEmpty(devnet.Accounts);
        var hemiBtc = DevnetBanner.HemiBtc(devnet.Silo.Output) ?? Hemi.Ethereum.Address.Parse(DevnetSession.HemiBtcAddress);

        // The last dev account: the other devnet tests use the first ones.
        var account = devnet.Accounts[^1];
        var result = await NodeTool.RunAsync(
            "e2e.mjs",
            ["--rpc", devnet.Silo.RpcUri.ToString(), "--key", account.PrivateKeyHex, "--hemibtc", hemiBtc.ToString(), "--chain-id", devnet.ChainId.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TimeSpan.FromSeconds(120));
        output.WriteLine(result.StandardOutput);
        output.WriteLine(result.StandardError);
        Assert.True(result.ExitCode == 0, "e2e.mjs failed:\n" + result);
        Assert.Matches(@"ALL \d+ CHECKS PASSED", result.StandardOutput);
    }
}
