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
        From the root of a clone of the repository, run the same commands as
        dotnet run --project src/AgentCoreIdentity.Cli -- iam-policy ...
        """;

    /// <summary>The option that sets each parameter of <see cref="AgentCoreIdentityPolicy"/>, to name it in errors.</summary>
    private static readonly Dictionary<string, string> OptionsByParameter = new(StringComparer.Ordinal)
    {
        ["region"] = "--region",
        ["accountId"] = "--account",
        ["workloadName"] = "--workload",
        ["apiKeyProviders"] = "--api-key-provider",
        ["oauth2Providers"] = "--oauth2-provider",
        ["agentRuntimeArn"] = "--runtime-arn",
    };

    /// <summary>Parses the arguments after <c>iam-policy</c> and returns the policy JSON.</summary>
    /// <exception cref="ArgumentException">
    /// The arguments are incomplete or invalid. The message names the option as the user typed it and the rule it
    /// breaks, and has no C# parameter name.
    /// </exception>
    public static string Run(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new ArgumentException("Name the policy to print: runtime-role or caller.");
        }

        var options = ParseOptions(args.Skip(1).ToArray());
        return args[0] switch
        {
            "runtime-role" => ForRuntimeRole(options),
            "caller" => Generate(() => AgentCoreIdentityPolicy.ForCaller(Single(options, "--runtime-arn"), options.ContainsKey("--sends-user-id"))),
            _ => throw new ArgumentException($"Unknown policy '{args[0]}'; use runtime-role or caller."),
        };
    }

    private static string ForRuntimeRole(Dictionary<string, List<string>> options)
    {
        var region = Single(options, "--region");
        var account = Single(options, "--account");
        var workload = Single(options, "--workload");
        var apiKeyProviders = options.GetValueOrDefault("--api-key-provider", []);
        var oauth2Providers = options.GetValueOrDefault("--oauth2-provider", []);
        if (apiKeyProviders.Count == 0 && oauth2Providers.Count == 0)
        {
            throw new ArgumentException("Give at least one --api-key-provider or --oauth2-provider, because a policy needs a statement.");
        }

        return Generate(() => AgentCoreIdentityPolicy.ForRuntimeRole(region, account, workload, apiKeyProviders, oauth2Providers));
    }

    /// <summary>
    /// Runs the generator and rewords its <see cref="ArgumentException"/>, which names a C# parameter such as
    /// <c>accountId</c>, so that the message names the option instead.
    /// </summary>
    private static string Generate(Func<string> generate)
    {
        try
        {
            return generate();
        }
        catch (ArgumentException ex) when (ex.ParamName is not null)
        {
            var rule = WithoutParameterName(ex);
            var message = OptionsByParameter.TryGetValue(ex.ParamName, out var option) ? $"The option {option} is invalid. {rule}" : rule;
            throw new ArgumentException(message, ex);
        }
    }

    /// <summary>
    /// Returns the exception's message without the " (Parameter 'name')" suffix that <see cref="ArgumentException.Message"/>
    /// appends. The suffix is built by the runtime itself, so this also works when its text is localized.
    /// </summary>
    private static string WithoutParameterName(ArgumentException exception)
    {
        var suffix = new ArgumentException(string.Empty, exception.ParamName).Message;
        return exception.Message.EndsWith(suffix, StringComparison.Ordinal) ? exception.Message[..^suffix.Length] : exception.Message;
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
