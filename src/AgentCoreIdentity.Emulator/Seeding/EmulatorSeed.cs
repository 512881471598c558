using System.Text.Json;

namespace AgentCoreIdentity.Emulator;

/// <summary>
/// Initial content of an emulator, usually read from a JSON file: region, account, access keys, workload identities,
/// API-key credential providers and faults to inject. Member names in the file are camelCase.
/// </summary>
public sealed record EmulatorSeed
{
    private static readonly JsonSerializerOptions FileOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Region that signatures must be scoped to; <c>null</c> keeps the default.</summary>
    public string? Region { get; init; }

    /// <summary>Account id used in ARNs; <c>null</c> keeps the default.</summary>
    public string? AccountId { get; init; }

    /// <summary>Access keys the emulator accepts.</summary>
    public IReadOnlyList<EmulatorAccessKey> AccessKeys { get; init; } = [];

    /// <summary>Workload identities tokens can be minted for.</summary>
    public IReadOnlyList<SeedWorkloadIdentity> WorkloadIdentities { get; init; } = [];

    /// <summary>API-key credential providers and their keys.</summary>
    public IReadOnlyList<SeedApiKeyProvider> ApiKeyCredentialProviders { get; init; } = [];

    /// <summary>OAuth2 credential providers, the token each returns, and any scripted upstream failure.</summary>
    public IReadOnlyList<SeedOAuth2Provider> OAuth2CredentialProviders { get; init; } = [];

    /// <summary>Faults to inject from the start, in order per operation.</summary>
    public IReadOnlyList<SeedFault> Faults { get; init; } = [];

    /// <summary>Reads a seed file.</summary>
    /// <exception cref="FileNotFoundException">The seed file does not exist; the message gives its full path.</exception>
    /// <exception cref="InvalidDataException">The file is not valid seed JSON; the message names the line and byte.</exception>
    public static EmulatorSeed Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = OpenSeedFile(path);
        try
        {
            var seed = JsonSerializer.Deserialize<EmulatorSeed>(stream, FileOptions)
                ?? throw new InvalidDataException($"The seed file '{path}' contains null instead of an object.");
            seed.CheckFaults(path);
            return seed;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException(DescribeInvalidJson(path, ex), ex);
        }
    }

    private static FileStream OpenSeedFile(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FileNotFoundException(
                $"The seed file '{path}' was not found (full path '{Path.GetFullPath(path)}'). A relative path is read from the "
                + "current directory.",
                path,
                ex);
        }
    }

    /// <summary>
    /// Describes a JSON error by its line, byte and path. The serializer's message ends in its own zero-based
    /// "LineNumber" and "BytePositionInLine", which would contradict the one-based line given first, so that part is cut.
    /// </summary>
    private static string DescribeInvalidJson(string path, JsonException exception)
    {
        var reason = exception.Message;
        var details = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        if (details < 0)
        {
            details = reason.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        reason = details < 0 ? reason : reason[..details];
        var location = exception.LineNumber is { } line && exception.BytePositionInLine is { } position
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {line + 1}, byte {position + 1}")
            : "an unknown line";
        var member = string.IsNullOrEmpty(exception.Path) ? string.Empty : $" (JSON path '{exception.Path}')";
        return $"The seed file '{path}' is invalid at {location}{member}: {reason}";
    }

    private void CheckFaults(string path)
    {
        foreach (var fault in Faults)
        {
            if (!Api.IdentityApi.OperationNames.Contains(fault.Operation, StringComparer.Ordinal))
            {
                throw new InvalidDataException(
                    $"The seed file '{path}' has a fault for '{fault.Operation}', which is no operation of the emulator. "
                    + $"Use one of: {string.Join(", ", Api.IdentityApi.OperationNames)}.");
            }

            if (fault.Times is < 1)
            {
                throw new InvalidDataException($"The seed file '{path}' has a fault for {fault.Operation} with times {fault.Times}; it must be 1 or more.");
            }

            fault.ToFault();
        }
    }

    /// <summary>Copies the region, account and access keys into emulator options.</summary>
    public void ApplyTo(IdentityEmulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Region = Region ?? options.Region;
        options.AccountId = AccountId ?? options.AccountId;
        foreach (var key in AccessKeys)
        {
            options.AccessKeys.Add(key);
        }
    }
}

/// <summary>A workload identity in a seed.</summary>
/// <param name="Name">Workload identity name.</param>
/// <param name="AllowedResourceOauth2ReturnUrls">OAuth2 return URLs registered on it.</param>
public sealed record SeedWorkloadIdentity(string Name, IReadOnlyList<string>? AllowedResourceOauth2ReturnUrls);

/// <summary>An API-key credential provider in a seed.</summary>
/// <param name="Name">Provider name.</param>
/// <param name="ApiKey">The stored key.</param>
public sealed record SeedApiKeyProvider(string Name, string ApiKey)
{
    /// <summary>Prints the provider name only.</summary>
    public override string ToString() => $"SeedApiKeyProvider {{ Name = {Name}, ApiKey = *** }}";
}

/// <summary>An OAuth2 credential provider in a seed.</summary>
/// <param name="Name">Provider name.</param>
/// <param name="AccessToken">Token that every flow of this provider returns.</param>
/// <param name="UpstreamFailureMessage">
/// When set, every token request for this provider fails with a <c>ValidationException</c> carrying this message, as the
/// service does when the provider's token endpoint fails, for example "Error parsing ClientCredentials response".
/// </param>
public sealed record SeedOAuth2Provider(string Name, string AccessToken, string? UpstreamFailureMessage = null)
{
    /// <summary>Prints the provider name and failure without the token.</summary>
    public override string ToString() =>
        $"SeedOAuth2Provider {{ Name = {Name}, AccessToken = ***, UpstreamFailureMessage = {UpstreamFailureMessage ?? "null"} }}";
}
