using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace AgentCoreIdentity.IntegrationTests;

/// <summary>
/// Sends request bytes exactly as given over one TCP connection to a loopback server and reads one HTTP/1.1
/// response, so that a test controls every header name, letter case and order, which <see cref="HttpClient"/> does not.
/// </summary>
internal static class RawHttpExchange
{
    /// <summary>Returns the status code, the header lines and the decoded body of the server's response.</summary>
    /// <param name="endpoint">Server address; only its host and port are used.</param>
    /// <param name="request">Complete request: request line, headers, blank line and body.</param>
    /// <param name="cancellationToken">Cancels the connection.</param>
    public static async Task<RawHttpResponse> SendAsync(Uri endpoint, byte[] request, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(request, cancellationToken);

        var reader = new ResponseReader(stream);
        var head = Encoding.ASCII.GetString(await reader.ReadUntilAsync("\r\n\r\n"u8.ToArray(), cancellationToken));
        var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var statusCode = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(line => line.Split(':', 2)).ToDictionary(
            parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);

        byte[] body;
        if (headers.TryGetValue("Content-Length", out var length))
        {
            body = await reader.ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture), cancellationToken);
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Equals("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync(reader, cancellationToken);
        }
        else
        {
            body = [];
        }

        return new RawHttpResponse(statusCode, headers, Encoding.UTF8.GetString(body));
    }

    private static async Task<byte[]> ReadChunkedAsync(ResponseReader reader, CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        while (true)
        {
            var sizeLine = Encoding.ASCII.GetString(await reader.ReadUntilAsync("\r\n"u8.ToArray(), cancellationToken));
            var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                await reader.ReadUntilAsync("\r\n"u8.ToArray(), cancellationToken);
                return body.ToArray();
            }

            body.Write(await reader.ReadExactlyAsync(size, cancellationToken));
            await reader.ReadExactlyAsync(2, cancellationToken);
        }
    }

    /// <summary>Reads from a stream through a buffer, so that bytes read past a delimiter stay available.</summary>
    private sealed class ResponseReader(Stream stream)
    {
        private readonly List<byte> _buffered = [];

        /// <summary>Returns the bytes before the next <paramref name="delimiter"/> and consumes the delimiter too.</summary>
        public async Task<byte[]> ReadUntilAsync(byte[] delimiter, CancellationToken cancellationToken)
        {
            while (true)
            {
                var index = IndexOf(delimiter);
                if (index >= 0)
                {
                    var line = _buffered.GetRange(0, index).ToArray();
                    _buffered.RemoveRange(0, index + delimiter.Length);
                    return line;
                }

                await FillAsync(cancellationToken);
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
        {
            while (_buffered.Count < count)
            {
                await FillAsync(cancellationToken);
            }

            var bytes = _buffered.GetRange(0, count).ToArray();
            _buffered.RemoveRange(0, count);
            return bytes;
        }

        private async Task FillAsync(CancellationToken cancellationToken)
        {
            var chunk = new byte[4096];
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException("The server closed the connection before the response was complete.");
            }

            _buffered.AddRange(chunk.AsSpan(0, read));
        }

        private int IndexOf(byte[] delimiter) => CollectionsMarshal.AsSpan(_buffered).IndexOf(delimiter);
    }
}

/// <summary>One response read by <see cref="RawHttpExchange"/>.</summary>
internal sealed record RawHttpResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body);
