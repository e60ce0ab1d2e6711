using System.Numerics;
using System.Text.Json.Nodes;
using Hemi.EndToEnd.Tests.Infrastructure;
using Hemi.Ethereum;
using Hemi.Ethereum.Trie;
using Hemi.Protocol.L2.State;

namespace Hemi.EndToEnd.Tests.Proofs;

/// <summary>
/// The ethers script's Merkle-Patricia proof checker (tests/e2e/ethers/mpt.mjs), run offline against proofs made by
/// Hemi.Ethereum's <see cref="AccountProofBuilder"/> over a populated world state: genuine proofs must pass and every
/// kind of tampering must be rejected. Without this, a checker that accepts anything would make the devnet test vacuous.
/// </summary>
public sealed class ProofCheckerTests
{
    private static readonly TimeSpan s_nodeTimeout = TimeSpan.FromSeconds(60);

    private sealed record World(WorldState State, Hash32 Root, Address[] Accounts, Address Token, Address[] Holders);

    private static World BuildWorld(int seed, int accountCount, int holderCount)
    {
        var random = new Random(seed);
        var state = new WorldState();
        var accounts = new Address[accountCount];
        for (var i = 0; i < accountCount; i++)
        {
            accounts[i] = RandomAddress(random);
            state.SetBalance(accounts[i], new BigInteger(random.NextInt64(1, long.MaxValue)) * random.Next(1, 1000));
            state.SetNonce(accounts[i], (ulong)random.Next(0, 5000));
        }

        var token = NativeErc20.HemiBtc(RandomAddress(random));
        token.InstallCode(state);
        var holders = new Address[holderCount];
        for (var i = 0; i < holderCount; i++)
        {
            holders[i] = RandomAddress(random);
            token.Mint(state, holders[i], random.NextInt64(1, 2_100_000_000_000_000));
        }

        var root = state.Commit();
        return new World(state, root, accounts, token.Address, holders);
    }

    private static Address RandomAddress(Random random)
    {
        var bytes = new byte[20];
        random.NextBytes(bytes);
        return new Address(bytes);
    }

    private static async Task<JsonArray> CheckEachAsync(JsonArray cases)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hemi-proofs-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, cases.ToJsonString());
        try
        {
            var result = await NodeTool.RunAsync("verify-proof.mjs", ["--each", file], s_nodeTimeout);
            Assert.True(result.ExitCode == 0, result.ToString());
            var answers = JsonNode.Parse(result.StandardOutput)!.AsArray();
            Assert.Equal(cases.Count, answers.Count);
            return answers;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [NodeFact]
    public async Task GenuineAccountAndStorageProofs_AreAccepted()
    {
        var world = BuildWorld(seed: 7, accountCount: 300, holderCount: 120);
        var cases = new JsonArray();
        foreach (var account in world.Accounts.Take(25))
        {
            cases.Add(EthGetProofJson.Case(world.Root, EthGetProofJson.ToJson(world.State.GetProof(account, []))));
        }

        // The token: present balance slots, absent slots, and the total supply.
        var slots = world.Holders.Take(15).Select(NativeErc20.BalanceSlot)
            .Concat(world.Accounts.Take(5).Select(NativeErc20.BalanceSlot))
            .Append(NativeErc20.TotalSupplySlot)
            .ToArray();
        cases.Add(EthGetProofJson.Case(world.Root, EthGetProofJson.ToJson(world.State.GetProof(world.Token, slots))));

        // Addresses that never existed: exclusion proofs with an empty account.
        var random = new Random(99);
        for (var i = 0; i < 10; i++)
        {
            cases.Add(EthGetProofJson.Case(world.Root, EthGetProofJson.ToJson(world.State.GetProof(RandomAddress(random), []))));
        }

        var answers = await CheckEachAsync(cases);
        for (var i = 0; i < answers.Count; i++)
        {
            Assert.True(answers[i]!["ok"]!.GetValue<bool>(), $"case {i}: {answers[i]}");
        }
    }

    [NodeFact]
    public async Task SingleAccountWorld_ProofOfRootLeafIsAccepted()
    {
        // One account: the root node is the leaf itself.
        var state = new WorldState();
        var only = Address.Parse("0x00000000000000000000000000000000000000aa");
        state.SetBalance(only, 5);
        var root = state.Commit();
        var cases = new JsonArray
        {
            EthGetProofJson.Case(root, EthGetProofJson.ToJson(state.GetProof(only, []))),
            EthGetProofJson.Case(root, EthGetProofJson.ToJson(state.GetProof(Address.Parse("0x00000000000000000000000000000000000000bb"), []))),
        };
        var answers = await CheckEachAsync(cases);
        Assert.All(answers, a => Assert.True(a!["ok"]!.GetValue<bool>(), a!.ToJsonString()));
    }

    private static readonly string[] s_tamperings =
    [
        "balance+1", "nonce+1", "storageHash", "codeHash", "storageValue+1", "absentSlotClaimsValue", "presentSlotClaimsZero",
        "dropLastAccountNode", "dropFirstAccountNode", "appendNode", "flipBitInANode", "otherStateRoot",
        "proofOfAnotherAccount", "storageKeySwapped", "dropLastStorageNode", "absentAccountClaimsBalance",
    ];

    [NodeFact]
    public async Task TamperedProofs_AreRejected()
    {
        var world = BuildWorld(seed: 11, accountCount: 200, holderCount: 80);
        var random = new Random(5);
        var cases = new JsonArray();
        var labels = new List<string>();
        foreach (var tampering in s_tamperings)
        {
            // Several instances of each kind, each on a different account / node, so one lucky position cannot pass.
            for (var k = 0; k < 4; k++)
            {
                var json = Tamper(world, tampering, random, out var root);
                cases.Add(EthGetProofJson.Case(root, json));
                labels.Add($"{tampering} #{k}");
            }
        }

        var answers = await CheckEachAsync(cases);
        for (var i = 0; i < answers.Count; i++)
        {
            Assert.False(answers[i]!["ok"]!.GetValue<bool>(), $"{labels[i]} was accepted: {cases[i]!.ToJsonString()}");
            Assert.StartsWith("ProofError", answers[i]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    private static JsonObject Tamper(World world, string tampering, Random random, out Hash32 root)
    {
        root = world.Root;
        var account = world.Accounts[random.Next(world.Accounts.Length)];
        var holder = world.Holders[random.Next(world.Holders.Length)];
        var stranger = RandomAddress(random);
        JsonObject AccountProof(Address a) => EthGetProofJson.ToJson(world.State.GetProof(a, []));
        JsonObject TokenProof(params Hash32[] slots) => EthGetProofJson.ToJson(world.State.GetProof(world.Token, slots));

        switch (tampering)
        {
            case "balance+1":
            {
                var p = AccountProof(account);
                p["balance"] = EthGetProofJson.Quantity(world.State.GetBalance(account) + 1);
                return p;
            }
            case "nonce+1":
            {
                var p = AccountProof(account);
                p["nonce"] = EthGetProofJson.Quantity(world.State.GetNonce(account) + 1);
                return p;
            }
            case "storageHash":
            {
                var p = AccountProof(account);
                p["storageHash"] = RandomHash(random);
                return p;
            }
            case "codeHash":
            {
                var p = TokenProof();
                p["codeHash"] = AccountState.EmptyCodeHash.ToString();
                return p;
            }
            case "storageValue+1":
            {
                var p = TokenProof(NativeErc20.BalanceSlot(holder));
                var token = NativeErc20.HemiBtc(world.Token);
                p["storageProof"]![0]!["value"] = EthGetProofJson.Quantity(token.BalanceOf(world.State, holder) + 1);
                return p;
            }
            case "absentSlotClaimsValue":
            {
                var p = TokenProof(NativeErc20.BalanceSlot(stranger));
                p["storageProof"]![0]!["value"] = "0x1";
                return p;
            }
            case "presentSlotClaimsZero":
            {
                var p = TokenProof(NativeErc20.BalanceSlot(holder));
                p["storageProof"]![0]!["value"] = "0x0";
                return p;
            }
            case "dropLastAccountNode":
            {
                var p = AccountProof(account);
                p["accountProof"]!.AsArray().RemoveAt(p["accountProof"]!.AsArray().Count - 1);
                return p;
            }
            case "dropFirstAccountNode":
            {
                var p = AccountProof(account);
                p["accountProof"]!.AsArray().RemoveAt(0);
                return p;
            }
            case "appendNode":
            {
                var p = AccountProof(account);
                var nodes = p["accountProof"]!.AsArray();
                nodes.Add(nodes[^1]!.GetValue<string>());
                return p;
            }
            case "flipBitInANode":
            {
                var p = AccountProof(account);
                var nodes = p["accountProof"]!.AsArray();
                var which = random.Next(nodes.Count);
                var bytes = Hex.Decode(nodes[which]!.GetValue<string>());
                bytes[random.Next(1, bytes.Length)] ^= (byte)(1 << random.Next(8));
                nodes[which] = Hex.Prefixed(bytes);
                return p;
            }
            case "otherStateRoot":
            {
                root = new Hash32(Hex.Decode(RandomHash(random)));
                return AccountProof(account);
            }
            case "proofOfAnotherAccount":
            {
                var p = AccountProof(account);
                var other = world.Accounts[(Array.IndexOf(world.Accounts, account) + 1) % world.Accounts.Length];
                p["address"] = other.ToString();
                return p;
            }
            case "storageKeySwapped":
            {
                var p = TokenProof(NativeErc20.BalanceSlot(holder));
                var other = world.Holders[(Array.IndexOf(world.Holders, holder) + 1) % world.Holders.Length];
                p["storageProof"]![0]!["key"] = NativeErc20.BalanceSlot(other).ToString();
                return p;
            }
            case "dropLastStorageNode":
            {
                var p = TokenProof(NativeErc20.BalanceSlot(holder));
                var nodes = p["storageProof"]![0]!["proof"]!.AsArray();
                nodes.RemoveAt(nodes.Count - 1);
                return p;
            }
            case "absentAccountClaimsBalance":
            {
                var p = AccountProof(stranger);
                p["balance"] = "0x1";
                return p;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(tampering), tampering, "unknown tampering");
        }
    }

    private static string RandomHash(Random random)
    {
        var bytes = new byte[32];
        random.NextBytes(bytes);
        return Hex.Prefixed(bytes);
    }

    [NodeFact]
    public async Task RawTrieWithEmbeddedNodes_ValuesAndAbsenceAreProven()
    {
        // Short keys and values make nodes under 32 bytes, which are embedded in their parent instead of hashed:
        // the checker must follow them inline. Keys share prefixes to force extensions and branch values.
        var trie = new PatriciaTrie();
        var entries = new Dictionary<string, byte[]>
        {
            ["01"] = [0x0a],
            ["0102"] = [0x0b],
            ["0103"] = [0x0c, 0x0d],
            ["0104ff"] = [0x11],
            ["02"] = new byte[40], // a long value: this leaf is hashed
            ["0300"] = [0x01],
            ["0301"] = [0x02],
            ["abcdef0123"] = [0x33, 0x44],
        };
        entries["02"][0] = 1;
        foreach (var (key, value) in entries)
        {
            trie.Put(Hex.Decode(key), value);
        }

        var root = trie.Commit();
        var cases = new JsonArray();
        var expected = new List<string?>();
        foreach (var key in entries.Keys.Concat(["0105", "0302", "abcdef01", "ff", "010203"]))
        {
            var keyBytes = Hex.Decode(key);
            var nodes = TrieProof.Generate(trie, keyBytes);
            cases.Add(new JsonObject
            {
                ["root"] = root.ToString(),
                ["key"] = "0x" + key,
                ["nodes"] = new JsonArray([.. nodes.Select(n => JsonValue.Create(Hex.Prefixed(n)))]),
            });
            expected.Add(entries.TryGetValue(key, out var v) ? Hex.Prefixed(v) : null);
        }

        var answers = await CheckEachAsync(cases);
        for (var i = 0; i < answers.Count; i++)
        {
            Assert.True(answers[i]!["ok"]!.GetValue<bool>(), $"case {i}: {answers[i]}");
            Assert.Equal(expected[i], answers[i]!["value"]?.GetValue<string>());
        }
    }

    [NodeFact]
    public async Task SingleFileMode_ExitCodeSaysWhetherTheProofHolds()
    {
        var world = BuildWorld(seed: 3, accountCount: 50, holderCount: 10);
        var good = EthGetProofJson.Case(world.Root, EthGetProofJson.ToJson(world.State.GetProof(world.Token, [NativeErc20.BalanceSlot(world.Holders[0])])));
        var bad = JsonNode.Parse(good.ToJsonString())!.AsObject();
        bad["proof"]!["balance"] = "0x2a";
        var file = Path.Combine(Path.GetTempPath(), $"hemi-proof-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, good.ToJsonString());
            var ok = await NodeTool.RunAsync("verify-proof.mjs", [file], s_nodeTimeout);
            Assert.True(ok.ExitCode == 0, ok.ToString());
            Assert.Contains("proof OK", ok.StandardOutput, StringComparison.Ordinal);

            await File.WriteAllTextAsync(file, bad.ToJsonString());
            var rejected = await NodeTool.RunAsync("verify-proof.mjs", [file], s_nodeTimeout);
            Assert.True(rejected.ExitCode == 1, rejected.ToString());
            Assert.Contains("balance", rejected.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
