using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace AgentCoreIdentity;

/// <summary>
/// Places a client's AgentCore credential handlers directly in front of its primary handler, behind every handler
/// that the app or <see cref="IHttpClientFactory"/> adds, the factory's logging handlers included, so that no
/// credential header passes through any of them.
/// </summary>
/// <remarks>
/// The factory's Trace record of the request headers (event 102) keeps the raw header values in its structured state,
/// where <c>RedactLoggedHeaders</c> does not reach (seen with Microsoft.Extensions.Http 10.0.12). A handler added
/// with <c>AddHttpMessageHandler</c> runs before that logging handler, so the key or token it sets would reach every
/// logging provider that records structured state. The filter runs after all of the client's configuration
/// actions, so a primary handler set later with <c>ConfigurePrimaryHttpMessageHandler</c> is wrapped too.
/// </remarks>
internal sealed class CredentialHandlerBuilderFilter(IOptionsMonitor<CredentialHandlerRegistrations> registrations)
    : IHttpMessageHandlerBuilderFilter
{
    public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return builder =>
        {
            next(builder);

            // The first registered handler ends up outermost, as with AddHttpMessageHandler.
            var factories = registrations.Get(builder.Name).Factories;
            var inner = builder.PrimaryHandler;
            for (var i = factories.Count - 1; i >= 0; i--)
            {
                var handler = factories[i](builder.Services);
                handler.InnerHandler = inner;
                inner = handler;
            }

            builder.PrimaryHandler = inner;
        };
    }
}
