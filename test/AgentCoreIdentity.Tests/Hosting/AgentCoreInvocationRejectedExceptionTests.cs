using Microsoft.AspNetCore.Http;

namespace AgentCoreIdentity.Tests.Hosting;

public class AgentCoreInvocationRejectedExceptionTests
{
    private const string Message = "The body field 'repository' must contain exactly one '/'.";

    [TestCase(400)]
    [TestCase(404)]
    [TestCase(422)]
    [TestCase(499)]
    public void Client_error_status_is_kept(int statusCode)
    {
        var rejection = new AgentCoreInvocationRejectedException(statusCode, "InvalidRepository", Message);

        rejection.StatusCode.Should().Be(statusCode);
        rejection.ErrorCode.Should().Be("InvalidRepository");
        rejection.Message.Should().Be(Message);
        rejection.InnerException.Should().BeNull();
    }

    [TestCase(0)]
    [TestCase(200)]
    [TestCase(399)]
    [TestCase(500)]
    [TestCase(503)]
    [TestCase(-400)]
    public void Other_status_is_rejected(int statusCode)
    {
        var create = () => new AgentCoreInvocationRejectedException(statusCode, "InvalidRepository", Message);

        var error = create.Should().Throw<ArgumentOutOfRangeException>().Which;
        error.ParamName.Should().Be("statusCode");
        error.ActualValue.Should().Be(statusCode);
        error.Message.Should().Contain("from 400 to 499");
    }

    [TestCase("A")]
    [TestCase("InvalidRepository")]
    [TestCase("repository.unknown")]
    [TestCase("Value-Out_Of-Range2")]
    public void Valid_error_code_is_kept(string errorCode)
    {
        new AgentCoreInvocationRejectedException(400, errorCode, Message).ErrorCode.Should().Be(errorCode);
    }

    [TestCase("", "is 0 characters long")]
    [TestCase("Invalid Repository", "has the character ' ' at position 7")]
    [TestCase("Invalid\nRepository", "has the character U+000A at position 7")]
    [TestCase("Répertoire", "has the character U+00E9 at position 1")]
    [TestCase("4xx", "starts with the character '4'")]
    [TestCase("_Invalid", "starts with the character '_'")]
    public void Invalid_error_code_is_rejected(string errorCode, string reason)
    {
        var create = () => new AgentCoreInvocationRejectedException(400, errorCode, Message);

        var error = create.Should().Throw<ArgumentException>().Which;
        error.Should().NotBeOfType<ArgumentOutOfRangeException>();
        error.ParamName.Should().Be("errorCode");
        error.Message.Should().StartWith($"The error code {reason}. An error code is 1 to 64 characters");
    }

    [Test]
    public void Error_code_of_65_characters_is_rejected()
    {
        var create = () => new AgentCoreInvocationRejectedException(400, new string('A', 65), Message);

        create.Should().Throw<ArgumentException>().Which.Message.Should().StartWith("The error code is 65 characters long.");
        new AgentCoreInvocationRejectedException(400, new string('A', 64), Message).ErrorCode.Should().HaveLength(64);
    }

    [Test]
    public void Null_error_code_is_rejected()
    {
        var create = () => new AgentCoreInvocationRejectedException(400, null!, Message);

        create.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("errorCode");
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Missing_message_is_rejected(string? message)
    {
        var create = () => new AgentCoreInvocationRejectedException(400, "InvalidRepository", message!);

        create.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("message");
    }

    [Test]
    public void Inner_exception_is_kept()
    {
        var cause = new FormatException("not a number");

        var rejection = new AgentCoreInvocationRejectedException(422, "InvalidCount", "The body field 'count' must be a whole number.", cause);

        rejection.InnerException.Should().BeSameAs(cause);
    }

    [Test]
    public void Is_bad_http_request_exception()
    {
        var rejection = new AgentCoreInvocationRejectedException(404, "UnknownRepository", "The repository was not found.");

        rejection.Should().BeAssignableTo<BadHttpRequestException>().Which.StatusCode.Should().Be(404);
        rejection.Should().NotBeAssignableTo<AgentCoreIdentityException>();
    }
}
