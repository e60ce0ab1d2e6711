namespace Hemi.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine("hemictl: not yet implemented");
        return 0;
    }
}
