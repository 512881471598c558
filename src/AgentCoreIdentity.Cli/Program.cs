namespace AgentCoreIdentity.Cli;

/// <summary>Entry point of the <c>agentcore-identity</c> command.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(PolicyCommand.Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] != "iam-policy")
        {
            Console.Error.WriteLine($"Unknown command '{args[0]}'.");
            Console.Error.WriteLine(PolicyCommand.Usage);
            return 2;
        }

        try
        {
            Console.WriteLine(PolicyCommand.Run(args[1..]));
            return 0;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            Console.Error.WriteLine(PolicyCommand.Usage);
            return 2;
        }
    }
}
