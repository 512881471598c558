namespace AgentCoreIdentity;

/// <summary>
/// The service rejected the request as invalid (<c>ValidationException</c>, HTTP 400). The service text, reason and
/// field list are kept as sent.
/// </summary>
public sealed class IdentityValidationException : IdentityServiceException
{
    internal IdentityValidationException(string message)
        : base(AgentCoreIdentityErrorCodes.Validation, message)
    {
    }

    /// <summary>Validation reason, such as <c>FieldValidationFailed</c>, when the service sent one.</summary>
    public string? Reason { get; init; }

    /// <summary>Fields that failed validation; empty when the service listed none.</summary>
    public IReadOnlyList<ValidationExceptionField> FieldList { get; init; } = [];
}
