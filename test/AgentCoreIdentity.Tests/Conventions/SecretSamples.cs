using System.Net;
using System.Text;
using AgentCoreIdentity.DataPlane;
using Amazon.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentCoreIdentity.Tests.Conventions;

/// <summary>
/// Instances of every public type of the library, each built the way callers get one and holding the planted
/// <see cref="KnownSecrets"/> wherever the type can hold a secret. A new public type needs an entry here.
/// </summary>
internal static class SecretSamples
{
    private static readonly Dictionary<Type, Func<IEnumerable<object>>> Factories = new()
    {
        [typeof(AgentCoreRequestContext)] = Contexts,
        [typeof(ForwardedHeaders)] = () => Contexts().Select(context => context.ForwardedHeaders)
            .Append(new ForwardedHeaders([new("Authorization", KnownSecrets.Authorization), new("X-Api-Key", KnownSecrets.CallerApiKey)])),
        [typeof(AgentCoreRequestContextExceptionHandler)] = () => [new AgentCoreRequestContextExceptionHandler(NullLogger<AgentCoreRequestContextExceptionHandler>.Instance)],
        [typeof(AgentCoreIdentityOptions)] = () => [Options()],
        [typeof(ApiKeyProvider)] = () => [new ApiKeyProvider(Options()), new ApiKeyProvider(new RecordingDataPlane())],
        [typeof(WorkloadAccessTokenClient)] = () => [new WorkloadAccessTokenClient(Options()), new WorkloadAccessTokenClient(new RecordingDataPlane())],
        [typeof(ValidationExceptionField)] = () => [new ValidationExceptionField("workloadIdentityToken", "Member must satisfy regular expression pattern")],
        [typeof(AgentCoreIdentityException)] = () => [new AgentCoreIdentityException(AgentCoreIdentityErrorCodes.Configuration, "No region is configured.")],
        [typeof(InvalidRequestHeaderException)] = InvalidHeaderErrors,
        [typeof(ConflictingRequestHeadersException)] = () => [HeaderError(
            (AgentCoreHeaderNames.WorkloadAccessToken, KnownSecrets.WorkloadAccessToken),
            (AgentCoreHeaderNames.IdentityWorkloadAccessToken, KnownSecrets.OtherWorkloadAccessToken))],
        [typeof(MissingWorkloadAccessTokenException)] = () =>
            [new MissingWorkloadAccessTokenException("GetResourceApiKey", "github", Contexts().First() with { WorkloadAccessToken = null })],
        [typeof(IdentityServiceException)] = () => [ServiceError(400, "SomeNewException")],
        [typeof(IdentityAccessDeniedException)] = () => [ServiceError(403, "AccessDeniedException")],
        [typeof(IdentityResourceNotFoundException)] = () => [ServiceError(404, "ResourceNotFoundException")],
        [typeof(IdentityValidationException)] = () => [ServiceError(400, "ValidationException")],
        [typeof(IdentityUnauthorizedException)] = () => [ServiceError(401, "UnauthorizedException")],
        [typeof(IdentityThrottledException)] = () => [ServiceError(429, "ThrottlingException")],
        [typeof(IdentityServiceUnavailableException)] = () => [ServiceError(503, "ServiceUnavailableException")],
        [typeof(RequestSignatureRejectedException)] = () => [ServiceError(403, "InvalidSignatureException")],
        [typeof(UnexpectedIdentityResponseException)] = () => [ServiceError(400, null, "<html>" + KnownSecrets.WorkloadAccessToken + "</html>")],
        [typeof(IdentityTimeoutException)] = () =>
            [new IdentityTimeoutException("GetResourceApiKey timed out.", IdentityTimeoutKind.Attempt, TimeSpan.FromSeconds(10), ServiceError(503, "ServiceUnavailableException"))],
        [typeof(MissingRequestContextException)] = () => [new MissingRequestContextException(nameof(ApiKeyHandler), "an API key", "GET https://api.example.com/repos")],
        [typeof(AgentCoreIdentityRetryOptions)] = () => [new AgentCoreIdentityRetryOptions()],

        // OAuth2
        [typeof(OAuth2Flow)] = () => OAuth2Flow.All,
        [typeof(AccessTokenRequest)] = () => [TokenRequest()],
        [typeof(AccessTokenResult)] = () => [new AccessTokenResult(KnownSecrets.OAuth2AccessToken, "google", OAuth2Flow.UserFederation, "urn:ietf:params:oauth:request_uri:abc")],
        [typeof(AccessTokenProvider)] = () => [new AccessTokenProvider(Options())],
        [typeof(AuthorizationPrompt)] = () => [Prompt()],
        [typeof(AuthorizationRequiredException)] = () => [new AuthorizationRequiredException(new Uri(KnownSecrets.AuthorizationUrl), "urn:ietf:params:oauth:request_uri:abc", "google")],
        [typeof(UserIdentifier)] = () => [UserIdentifier.FromUserToken(KnownSecrets.UserJwt), UserIdentifier.FromUserId("user-42"), UserIdentifier.FromContext(Contexts().First())],
        [typeof(UserConsentFailedException)] = () => [new UserConsentFailedException("urn:ietf:params:oauth:request_uri:abc", "google")],
        [typeof(UserConsentTimeoutException)] = () =>
            [new UserConsentTimeoutException("urn:ietf:params:oauth:request_uri:abc", "google", TimeSpan.FromMinutes(10), 120, ServiceError(429, "ThrottlingException"))],
        [typeof(InvalidOAuth2SessionException)] = () =>
            [new InvalidOAuth2SessionException("Invalid or expired session for the user token.", "urn:ietf:params:oauth:request_uri:abc", "userToken")],
        [typeof(InvalidOAuth2CallbackRequestException)] = () => [new InvalidOAuth2CallbackRequestException("the session_id query parameter is missing")],

        // Outbound handlers
        [typeof(ApiKeyHandler)] = () => [new ApiKeyHandler(new ApiKeyProvider(new RecordingDataPlane()), "github", "Authorization", "Bearer ")],
        [typeof(AccessTokenHandler)] = () =>
        [
            new AccessTokenHandler(new AccessTokenProvider(Options()), TokenRequest()),
            new AccessTokenHandler(new AccessTokenProvider(Options()), _ => TokenRequest()),
        ],
        [typeof(WorkloadAccessTokenPropagationHandler)] = () => [new WorkloadAccessTokenPropagationHandler()],

        // Runtime hosting
        [typeof(AgentCoreRuntimeOptions)] = () => [new AgentCoreRuntimeOptions()],
        [typeof(AgentCorePingService)] = () => [new AgentCorePingService(TimeProvider.System)],
        [typeof(AgentCorePingSnapshot)] = () => [new AgentCorePingService(TimeProvider.System).Current],
        [typeof(BackgroundWorkTracker)] = () => [Tracker().Tracker],
        [typeof(TrackedWork)] = () => [Tracker().Work],
        [typeof(AgentCoreRuntimeEndpoints)] = () => [new AgentCoreRuntimeEndpoints(new NoConventions(), new NoConventions())],
        [typeof(AgentCoreInvocationRejectedException)] = () =>
        [
            new AgentCoreInvocationRejectedException(400, "InvalidRepository", "The body field 'repository' must contain exactly one '/'."),
            new AgentCoreInvocationRejectedException(404, "UnknownRepository", "The repository was not found.", new KeyNotFoundException("acme/web")),
        ],
    };

    private static AccessTokenRequest TokenRequest() => new()
    {
        ProviderName = "google",
        Flow = OAuth2Flow.UserFederation,
        Scopes = ["openid"],
        CustomState = KnownSecrets.CustomState,
        CustomParameters = new Dictionary<string, string> { ["access_type"] = KnownSecrets.CustomParameterValue },
        CallbackUrl = new Uri("https://app.example.com/callback"),
        OnAuthorizationUrl = (_, _) => Task.CompletedTask,
    };

    private static AuthorizationPrompt Prompt() =>
        new(new Uri(KnownSecrets.AuthorizationUrl), "urn:ietf:params:oauth:request_uri:abc", "google");

    /// <summary>Returns a tracker and the work it ran for a context that holds secrets.</summary>
    private static (BackgroundWorkTracker Tracker, TrackedWork Work) Tracker()
    {
        var tracker = new BackgroundWorkTracker(new AgentCorePingService(TimeProvider.System), TimeProvider.System);
        var work = tracker.Start(Contexts().First(), (_, _) => Task.CompletedTask, "sample-work");
        work.Completion.GetAwaiter().GetResult();
        return (tracker, work);
    }

    /// <summary>An endpoint builder that ignores conventions, enough to create the endpoints record.</summary>
    private sealed class NoConventions : Microsoft.AspNetCore.Builder.IEndpointConventionBuilder
    {
        public void Add(Action<Microsoft.AspNetCore.Builder.EndpointBuilder> convention)
        {
        }
    }

    /// <summary>Public types that can have instances: classes, records and structs that are not static.</summary>
    public static IEnumerable<Type> PublicInstanceTypes() =>
        typeof(AgentCoreRequestContext).Assembly.GetExportedTypes()
            .Where(type => !type.IsInterface && !type.IsEnum && !(type.IsAbstract && type.IsSealed))
            .Where(type => !typeof(Delegate).IsAssignableFrom(type))
            .OrderBy(type => type.FullName, StringComparer.Ordinal);

    public static bool Has(Type type) => Factories.ContainsKey(type);

    public static IReadOnlyList<object> Of(Type type) => Factories[type]().ToArray();

    private static IEnumerable<AgentCoreRequestContext> Contexts()
    {
        var fromHeaders = AgentCoreRequestContext.FromHeaders(new HeaderDictionary
        {
            [AgentCoreHeaderNames.WorkloadAccessToken] = KnownSecrets.WorkloadAccessToken,
            [AgentCoreHeaderNames.RuntimeWorkloadAccessToken] = KnownSecrets.WorkloadAccessToken,
            ["Authorization"] = KnownSecrets.Authorization,
            ["X-Api-Key"] = KnownSecrets.CallerApiKey,
            [AgentCoreHeaderNames.CustomHeaderPrefix + "Signature"] = KnownSecrets.CallerApiKey,
            [AgentCoreHeaderNames.SessionId] = "8c2f0d55-7a41-4d7e-9a3b-1f5e6c7d8e9f-session-0001",
            [AgentCoreHeaderNames.OAuth2CallbackUrl] = "https://app.example.com/callback",
        });
        var handBuilt = new AgentCoreRequestContext
        {
            WorkloadAccessToken = KnownSecrets.WorkloadAccessToken,
            UserToken = KnownSecrets.UserJwt,
            UserId = "user-42",
            ForwardedHeaders = new ForwardedHeaders([new("Authorization", KnownSecrets.Authorization)]),
        };

        return [fromHeaders, handBuilt, fromHeaders with { SessionId = null }];
    }

    private static AgentCoreIdentityOptions Options() => new()
    {
        Region = "us-east-1",
        Endpoint = new Uri("http://127.0.0.1:9"),
        Credentials = new SessionAWSCredentials("AKIAEXAMPLEEXAMPLE01", KnownSecrets.AwsSecretAccessKey, KnownSecrets.AwsSessionToken),
    };

    private static IEnumerable<object> InvalidHeaderErrors() =>
    [
        HeaderError((AgentCoreHeaderNames.WorkloadAccessToken, KnownSecrets.WorkloadAccessToken + "\r\nX-Injected: 1")),
        HeaderError((AgentCoreHeaderNames.IdentityWorkloadAccessToken, KnownSecrets.WorkloadAccessToken + " " + KnownSecrets.WorkloadAccessToken)),
        HeaderError(("Authorization", KnownSecrets.Authorization + "\u00e9")),
        HeaderError(("Authorization", KnownSecrets.Authorization + " trailing-part")),
        HeaderError(("X-Api-Key", KnownSecrets.CallerApiKey + "\n")),
        HeaderError(("X-Api-Key", KnownSecrets.CallerApiKey), ("x-api-key", KnownSecrets.CallerApiKey), ("Authorization", KnownSecrets.Authorization), ("authorization", KnownSecrets.Authorization)),
    ];

    private static AgentCoreIdentityException HeaderError(params (string Name, string Value)[] headers)
    {
        try
        {
            AgentCoreRequestContext.FromHeaders(headers.Select(header => new KeyValuePair<string, string>(header.Name, header.Value)));
        }
        catch (AgentCoreIdentityException ex)
        {
            return ex;
        }

        throw new InvalidOperationException("The headers were expected to be rejected.");
    }

    /// <summary>Creates the exception for a service error whose message echoes the request's token.</summary>
    private static IdentityServiceException ServiceError(int status, string? errorCode, string? body = null)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "req-1");
        if (errorCode is not null)
        {
            response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", errorCode);
        }

        body ??= $"{{\"message\":\"Token {KnownSecrets.WorkloadAccessToken} is not authorized to perform: secretsmanager:GetSecretValue\"}}";
        var error = ServiceErrorResponse.Parse(response.StatusCode, response.Headers, Encoding.UTF8.GetBytes(body));
        return IdentityErrorFactory.Create(new GetResourceApiKeyRequest(KnownSecrets.WorkloadAccessToken, "github"), "us-east-1", error, attempts: 3);
    }
}
