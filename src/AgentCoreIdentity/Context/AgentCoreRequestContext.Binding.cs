using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity;

public sealed partial record AgentCoreRequestContext
{
    /// <summary>
    /// Binds a minimal-API handler parameter of this type from the request headers, so a handler can declare
    /// <c>(AgentCoreRequestContext context) =&gt; ...</c> instead of calling <see cref="FromHttpRequest"/>.
    /// ASP.NET Core calls this method; application code does not need to.
    /// </summary>
    /// <remarks>
    /// Invalid headers fail the request with <see cref="BadHttpRequestException"/> and status 400, never 500. Its
    /// message is the secret-free message of the <see cref="InvalidRequestHeaderException"/> or
    /// <see cref="ConflictingRequestHeadersException"/> it wraps. Kestrel responds to such a request with an empty 400;
    /// register <see cref="AgentCoreRequestContextExceptionHandler"/> to respond with a problem-details body that names
    /// the header and the fix.
    /// </remarks>
    /// <param name="httpContext">The current request.</param>
    /// <param name="parameter">The handler parameter being bound; only its name is used, in error messages.</param>
    /// <returns>The context of the request; never <c>null</c>.</returns>
    /// <exception cref="BadHttpRequestException">A header that the context reads is invalid, or two token headers disagree.</exception>
    public static ValueTask<AgentCoreRequestContext?> BindAsync(HttpContext httpContext, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(parameter);

        try
        {
            return ValueTask.FromResult<AgentCoreRequestContext?>(FromHttpRequest(httpContext.Request));
        }
        catch (AgentCoreIdentityException ex) when (ex is InvalidRequestHeaderException or ConflictingRequestHeadersException)
        {
            throw new BadHttpRequestException(ex.Message, StatusCodes.Status400BadRequest, ex);
        }
    }
}
