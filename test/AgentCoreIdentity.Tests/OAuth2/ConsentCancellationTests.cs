using static AgentCoreIdentity.Tests.OAuth2.ConsentFixtures;

namespace AgentCoreIdentity.Tests.OAuth2;

/// <summary>
/// Cancelling a consent flow after one or more polls ends it at once, before the next poll is due, sends no further
/// poll, and surfaces <see cref="OperationCanceledException"/> itself, with the caller's token.
/// </summary>
public class ConsentCancellationTests : ConsentScanningTest
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task Cancel_between_polls_stops_polling(int polls)
    {
        var dataPlane = new ScriptedDataPlane().Respond(AuthorizationResponse);
        for (var i = 0; i < polls; i++)
        {
            dataPlane.Respond(PendingResponse);
        }

        dataPlane.Respond(TokenResponse);
        using var cancellation = new CancellationTokenSource();

        var task = Provider(dataPlane).GetAccessTokenAsync(Context(), Request(), cancellation.Token);
        for (var poll = 1; poll <= polls; poll++)
        {
            await AdvanceToPollAsync(dataPlane, poll);
        }

        await Time.WaitForTimersAsync(polls + 1);
        Time.Advance(Interval / 2);
        await cancellation.CancelAsync();

        var error = (await task.Awaiting(t => t).Should().ThrowAsync<OperationCanceledException>()).Which;
        error.CancellationToken.Should().Be(cancellation.Token);
        task.IsCanceled.Should().BeTrue("the cancellation surfaces unwrapped, so the task ends cancelled, not faulted");
        Time.Advance(10 * Interval);
        dataPlane.Requests.Should().HaveCount(1 + polls, "no poll is sent after cancellation");
        Time.TimersCreated.Should().Be(polls + 1, "no further wait is started");
    }

    [TestCase(1)]
    [TestCase(2)]
    public async Task Cancel_during_poll_stops_polling(int polls)
    {
        var dataPlane = new ScriptedDataPlane().Respond(AuthorizationResponse);
        for (var i = 1; i < polls; i++)
        {
            dataPlane.Respond(PendingResponse);
        }

        dataPlane.RespondNever().Respond(TokenResponse);
        using var cancellation = new CancellationTokenSource();

        var task = Provider(dataPlane).GetAccessTokenAsync(Context(), Request(), cancellation.Token);
        for (var poll = 1; poll <= polls; poll++)
        {
            await AdvanceToPollAsync(dataPlane, poll);
        }

        await cancellation.CancelAsync();

        var error = (await task.Awaiting(t => t).Should().ThrowAsync<OperationCanceledException>()).Which;
        error.CancellationToken.Should().Be(cancellation.Token);
        task.IsCanceled.Should().BeTrue();
        Time.Advance(10 * Interval);
        dataPlane.Requests.Should().HaveCount(1 + polls, "the cancelled poll is the last one");
        Time.TimersCreated.Should().Be(polls);
    }

    /// <summary>Waits until the provider sleeps before poll <paramref name="poll"/>, advances one interval, and waits for the poll.</summary>
    private async Task AdvanceToPollAsync(ScriptedDataPlane dataPlane, int poll)
    {
        await Time.WaitForTimersAsync(poll);
        dataPlane.Requests.Should().HaveCount(poll, "no poll is sent before the interval elapses");
        Time.Advance(Interval);
        await dataPlane.WaitForRequestsAsync(poll + 1);
    }
}
