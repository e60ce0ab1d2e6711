using System.CommandLine;
using System.Diagnostics;
using Hemi.Bitcoin;
using Hemi.Bitcoin.Blocks;
using Hemi.Protocol.Pop;

namespace Hemi.Cli.Commands;

/// <summary><c>hemictl pop scan FILE</c>: lists the PoP keystones published in a Bitcoin block.</summary>
internal static class PopCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("block") { Description = "a raw Bitcoin block, binary or hex" };
        var limit = new Option<int>("--limit") { Description = "keystones to list (0 = all)", DefaultValueFactory = _ => 10 };
        var scan = new Command("scan", "list the PoP publications in a Bitcoin block");
        scan.Arguments.Add(file);
        scan.Options.Add(limit);
        scan.SetAction(result => CommandRunner.Run(() => Scan(result.GetValue(file)!, result.GetValue(limit), Console.Out)));

        var pop = new Command("pop", "Proof-of-Proof publications");
        pop.Subcommands.Add(scan);
        return pop;
    }

    public static void Scan(FileInfo file, int limit, TextWriter output)
    {
        var raw = InputFiles.ReadBlock(file);
        var stopwatch = Stopwatch.StartNew();
        Block block;
        try
        {
            block = Block.Parse(raw);
        }
        catch (BitcoinFormatException e)
        {
            throw new CliException($"{file.Name} is not a valid block: {e.Message}");
        }

        var publications = PopScanner.Scan(block);
        stopwatch.Stop();

        var keystones = publications
            .GroupBy(p => p.KeystoneHash)
            .Select(g => (Keystone: g.First().Keystone, Count: g.Count(), Miners: g.Select(p => p.RewardAddress).Distinct().Count()))
            .OrderBy(k => k.Keystone.L2BlockNumber)
            .ToList();

        var seconds = stopwatch.Elapsed.TotalSeconds;
        output.WriteLine($"block {block.Header.GetHash()}: {block.Transactions.Count} transactions, {raw.Length:N0} bytes");
        output.WriteLine(
            $"  {publications.Count} PoP outputs, {keystones.Count} distinct keystones " +
            $"(parse + scan {stopwatch.Elapsed.TotalMilliseconds:F1} ms, {raw.Length / 1e6 / Math.Max(seconds, 1e-9):F1} MB/s)");
        if (keystones.Count == 0)
        {
            return;
        }

        output.WriteLine($"  {"L2 block",10} {"L1 block",10} {"outputs",7} {"miners",6}  keystone hash");
        foreach (var k in limit > 0 ? keystones.Take(limit) : keystones)
        {
            output.WriteLine($"  {k.Keystone.L2BlockNumber,10} {k.Keystone.L1BlockNumber,10} {k.Count,7} {k.Miners,6}  {k.Keystone.GetHash()}");
        }

        if (limit > 0 && keystones.Count > limit)
        {
            output.WriteLine($"  … {keystones.Count - limit} more (--limit 0 lists all)");
        }
    }
}
