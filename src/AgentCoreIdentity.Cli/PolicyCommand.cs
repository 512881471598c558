namespace AgentCoreIdentity.Cli;

/// <summary>The <c>iam-policy</c> command: prints the IAM policy for the runtime role or for callers.</summary>
internal static class PolicyCommand
{
    public const string Usage = """
        Usage:
          agentcore-identity iam-policy runtime-role --region REGION --account ACCOUNT_ID --workload NAME
                             [--api-key-provider NAME]... [--oauth2-provider NAME]...
              Policy for the role that signs AgentCore Identity calls (on AgentCore Runtime, the execution role).
          agentcore-identity iam-policy caller --runtime-arn ARN [--sends-user-id]
              Policy for a principal that invokes the agent runtime with IAM (SigV4) auth.
        """;

    /// <summary>Parses the arguments after <c>iam-policy</c> and returns the policy JSON.</summary>
    /// <exception cref="ArgumentException">The arguments are incomplete or invalid, and the message names the problem.</exception>
    public static string Run(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new ArgumentException("Name the policy to print: runtime-role or caller.");
        }

        var options = ParseOptions(args.Skip(1).ToArray());
        return args[0] switch
        {
            "runtime-role" => AgentCoreIdentityPolicy.ForRuntimeRole(
                Single(options, "--region"),
                Single(options, "--account"),
                Single(options, "--workload"),
                options.GetValueOrDefault("--api-key-provider", []),
                options.GetValueOrDefault("--oauth2-provider", [])),
            "caller" => AgentCoreIdentityPolicy.ForCaller(Single(options, "--runtime-arn"), options.ContainsKey("--sends-user-id")),
            _ => throw new ArgumentException($"Unknown policy '{args[0]}'; use runtime-role or caller."),
        };
    }

    private static Dictionary<string, List<string>> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected an option such as --region, found '{name}'.");
            }

            if (name == "--sends-user-id")
            {
                options[name] = [];
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new ArgumentException($"The option '{name}' needs a value.");
            }

            if (!options.TryGetValue(name, out var values))
            {
                options[name] = values = [];
            }

            values.Add(args[++i]);
        }

        return options;
    }

    private static string Single(Dictionary<string, List<string>> options, string name)
    {
        if (!options.TryGetValue(name, out var values) || values.Count == 0)
        {
            throw new ArgumentException($"The option '{name}' is required.");
        }

        if (values.Count > 1)
        {
            throw new ArgumentException($"The option '{name}' may be given once.");
        }

        return values[0];
    }
}
