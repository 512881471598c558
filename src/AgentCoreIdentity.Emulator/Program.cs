using System.Globalization;

namespace AgentCoreIdentity.Emulator;

/// <summary>
/// Runs the emulator stand-alone: <c>agentcore-identity-emulator [options]</c> as an installed .NET tool, or
/// <c>dotnet run --project src/AgentCoreIdentity.Emulator -- [options]</c> from a clone.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Usage:
          agentcore-identity-emulator [--port N] [--region NAME] [--account-id ID] [--seed FILE]
              as the installed .NET tool AgentCoreIdentity.Emulator
          dotnet run --project src/AgentCoreIdentity.Emulator -- [--port N] [--region NAME] [--account-id ID] [--seed FILE]
              from the root of a clone of the repository
          agentcore-identity-emulator --help

          --port N         TCP port on 127.0.0.1 (default 8090; 0 picks a free port)
          --region NAME    region that signatures must be scoped to (default us-east-1)
          --account-id ID  account id used in ARNs (default 111122223333)
          --seed FILE      JSON file with access keys, workload identities, API-key providers,
                           OAuth2 providers and faults; a relative path is read from the current
                           directory
          --help           print this text

        The emulator listens on 127.0.0.1 until Ctrl+C or SIGTERM.

        Without access keys in the seed, the emulator accepts the documented example key
        AKIAEMULATOREXAMPLE1 / emulator/EXAMPLE/secret/access/key/000000.
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Any(arg => arg is "-h" or "--help"))
        {
            Console.WriteLine(Usage);
            return 0;
        }

        IdentityEmulatorOptions options;
        EmulatorSeed? seed;
        try
        {
            (options, seed) = ParseArguments(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        if (options.AccessKeys.Count == 0)
        {
            options.AccessKeys.Add(new EmulatorAccessKey
            {
                AccessKeyId = EmulatorDefaults.AccessKeyId,
                SecretAccessKey = EmulatorDefaults.SecretAccessKey,
            });
        }

        options.ConsoleLogging = true;
        IdentityEmulator emulator;
        try
        {
            emulator = await IdentityEmulator.StartAsync(options);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"The emulator could not listen on 127.0.0.1:{options.Port}: {ex.Message} Choose another port with --port.");
            return 2;
        }

        await using var running = emulator;
        if (seed is not null)
        {
            emulator.Seed(seed);
        }

        Console.WriteLine($"AgentCore Identity emulator listening on {emulator.Endpoint} (region {emulator.Region}).");
        Console.WriteLine($"Accepted access key ids: {string.Join(", ", options.AccessKeys.Select(key => key.AccessKeyId))}");
        Console.WriteLine($"Point the SDK at it: export {"BEDROCK_AGENTCORE_DP_ENDPOINT"}={emulator.Endpoint.GetLeftPart(UriPartial.Authority)}");
        Console.WriteLine("Press Ctrl+C, or send SIGTERM, to stop.");

        await emulator.WaitForShutdownAsync();
        return 0;
    }

    private static (IdentityEmulatorOptions Options, EmulatorSeed? Seed) ParseArguments(string[] args)
    {
        int? port = null;
        string? region = null;
        string? accountId = null;
        EmulatorSeed? seed = null;
        string[] knownOptions = ["--port", "--region", "--account-id", "--seed"];
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!knownOptions.Contains(args[i], StringComparer.Ordinal))
            {
                throw new ArgumentException($"Unknown option '{args[i]}'. Run with --help to list the options.");
            }

            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"The option '{args[i]}' needs a value.");
            switch (args[i])
            {
                case "--port":
                    port = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number <= 65535
                        ? number
                        : throw new ArgumentException($"The port '{value}' is not a number from 0 to 65535.");
                    break;
                case "--region":
                    region = value;
                    break;
                case "--account-id":
                    accountId = value;
                    break;
                case "--seed":
                    seed = EmulatorSeed.Load(value);
                    break;
            }
        }

        // Command-line options win over the seed file.
        var options = new IdentityEmulatorOptions { Port = port ?? 8090 };
        seed?.ApplyTo(options);
        options.Region = region ?? options.Region;
        options.AccountId = accountId ?? options.AccountId;
        return (options, seed);
    }
}
