using System.CommandLine;
using Hemi.Crypto;
using Hemi.Protocol.Keystones;
using Hemi.Protocol.Pop;

namespace Hemi.Cli.Commands;

/// <summary><c>hemictl keystone decode HEX</c>: decodes a 76-byte keystone, an 80-byte payload or an 83-byte script.</summary>
internal static class KeystoneCommand
{
    public static Command Create()
    {
        var hex = new Argument<string>("hex") { Description = "abbreviated keystone (76 B), PoP payload (80 B) or OP_RETURN script" };
        var decode = new Command("decode", "decode an abbreviated keystone");
        decode.Arguments.Add(hex);
        decode.SetAction(result => CommandRunner.Run(() => Decode(result.GetValue(hex)!, Console.Out)));

        var keystone = new Command("keystone", "Hemi keystones");
        keystone.Subcommands.Add(decode);
        return keystone;
    }

    public static void Decode(string hex, TextWriter output)
    {
        var bytes = Hex.Decode(hex.Trim());
        var keystone = bytes.Length switch
        {
            L2KeystoneAbrev.Size => L2KeystoneAbrev.Parse(bytes),
            PopPayload.PayloadSize => PopPayload.ParsePayload(bytes),
            _ => PopPayload.ParseScript(bytes),
        };

        output.WriteLine($"version              {keystone.Version}");
        output.WriteLine($"l1_block_number      {keystone.L1BlockNumber}");
        output.WriteLine($"l2_block_number      {keystone.L2BlockNumber}");
        output.WriteLine($"parent_ep_hash[11]   {Hex.Encode(keystone.ParentEPHash)}");
        output.WriteLine($"prev_keystone[12]    {Hex.Encode(keystone.PrevKeystoneEPHash)}");
        output.WriteLine($"state_root           {Hex.Encode(keystone.StateRoot)}");
        output.WriteLine($"ep_hash[12]          {Hex.Encode(keystone.EPHash)}");
        output.WriteLine($"hash (display)       {keystone.GetHash()}");
        output.WriteLine($"hash (internal)      {keystone.GetHash().ToInternalHex()}");
    }
}
