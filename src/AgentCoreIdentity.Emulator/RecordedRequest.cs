namespace AgentCoreIdentity.Emulator;

/// <summary>
/// One request the emulator received, with the outcome it returned, so tests can check exactly what the SDK sent.
/// <see cref="ToString"/> leaves out the body and the workload access token.
/// </summary>
public sealed record RecordedRequest
{
    /// <summary>Position of the request in arrival order, from 1.</summary>
    public required long Sequence { get; init; }

    /// <summary>Time the request was received, from the emulator's clock.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>Request path.</summary>
    public required string Path { get; init; }

    /// <summary>Operation name, or <c>null</c> when the path matched none.</summary>
    public string? Operation { get; init; }

    /// <summary>Value of the <c>Content-Type</c> header.</summary>
    public string? ContentType { get; init; }

    /// <summary>Whether the SigV4 signature was recomputed and matched.</summary>
    public required bool SignatureValid { get; init; }

    /// <summary>Access key id that signed the request, when the signature was valid.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>Header names the signature covered, in signed order.</summary>
    public IReadOnlyList<string> SignedHeaders { get; init; } = [];

    /// <summary>Hex SigV4 signature from the Authorization header, when it had one. Not a secret: it is single-use.</summary>
    public string? Signature { get; init; }

    /// <summary>Raw request body as UTF-8 text. It contains secrets such as the workload access token.</summary>
    public required string Body { get; init; }

    /// <summary>The body's <c>workloadIdentityToken</c> member, when it had one.</summary>
    public string? WorkloadAccessToken { get; init; }

    /// <summary>The body's <c>resourceCredentialProviderName</c> member, when it had one.</summary>
    public string? ProviderName { get; init; }

    /// <summary>HTTP status the emulator returned.</summary>
    public int StatusCode { get; init; }

    /// <summary>Error code the emulator returned, or <c>null</c> on success.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Injected fault that shaped the response, such as "connection reset", or <c>null</c> for none.</summary>
    public string? Fault { get; init; }

    /// <summary>Prints the request without its body or token.</summary>
    public override string ToString() =>
        $"#{Sequence} {Method} {Path} ({Operation ?? "unknown operation"}) signature {(SignatureValid ? "valid" : "invalid")}, "
        + $"provider {ProviderName ?? "none"} -> {StatusCode} {ErrorCode ?? "OK"}{(Fault is null ? string.Empty : $" (fault: {Fault})")}";
}
