using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flecs.Api.Views;
using Flecs.Core.Results;
using Flecs.Ledger.Storage;
using Flecs.Node.Following;

namespace Flecs.Api.Access;

/// <summary>
/// A validator's API as a follower's block source: whole blocks from <c>GET /api/v1/blocks/{h}/raw</c> (signed as the SA),
/// and new heads from the block stream (<c>GET /api/v1/events/blocks</c>). Every answer is only a candidate: the
/// follower verifies each block itself. A refusal that no retry can change — 403, or 401 for an unknown player or a signature
/// that does not verify with its key — is <see cref="FollowerNode.SourceRefused"/>, which stops the follower; every other
/// failure (including a 401 for a stale signing time or a replay) is retried.
/// </summary>
/// <param name="client">A client whose base address is the validator's URL and whose requests are signed (<see cref="SignedRequestHandler"/>).</param>
/// <param name="streamWait">How long to wait on the block stream before answering "unknown" (the follower then fetches again).</param>
public sealed class HttpBlockSource(HttpClient client, TimeSpan streamWait) : IBlockSource
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The code when the validator cannot be reached or answers with an error.</summary>
    public const string Unreachable = "node.follow.source-unreachable";

    /// <summary>The validator's head as last seen.</summary>
    public long? SourceHeight { get; private set; }

    /// <inheritdoc/>
    public async Task<Result<StoredBlock?>> FetchAsync(long height, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync(new Uri($"api/v1/blocks/{height}/raw", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return Result<StoredBlock?>.Ok(null);
            }

            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                return Refuses(response.StatusCode, body)
                    ? Result<StoredBlock?>.Fail(FollowerNode.SourceRefused, $"The validator refuses this follower's requests for whole blocks ({(int)response.StatusCode}): {body}")
                    : Result<StoredBlock?>.Fail(Unreachable, $"GET block {height}: {(int)response.StatusCode} {body}");
            }

            var decoded = BlockTransfer.Decode(await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
            return decoded.IsSuccess ? decoded.Value : Result<StoredBlock?>.Fail(Unreachable, $"Block {height} from the source does not decode: {decoded.Error.Message}");
        }
        catch (HttpRequestException ex)
        {
            return Result<StoredBlock?>.Fail(Unreachable, ex.Message);
        }
    }

    /// <inheritdoc/>
    public async Task<Result<long?>> WaitForHeightAsync(long height, CancellationToken cancellationToken)
    {
        try
        {
            var status = await client.GetFromJsonAsync<StatusView>(new Uri("api/v1/status", UriKind.Relative), Web, cancellationToken).ConfigureAwait(false);
            SourceHeight = status?.Height;
            if (status is not null && status.Height >= height)
            {
                return status.Height;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(streamWait);
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"api/v1/events/blocks?after={height - 1}", UriKind.Relative));
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, wait.Token).ConfigureAwait(false);
                response.EnsureSuccessStatusCode();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(wait.Token).ConfigureAwait(false));
                while (await reader.ReadLineAsync(wait.Token).ConfigureAwait(false) is { } line)
                {
                    if (line.StartsWith("data: ", StringComparison.Ordinal) && JsonSerializer.Deserialize<BlockSummaryView>(line.AsSpan("data: ".Length), Web) is { } block)
                    {
                        SourceHeight = block.Height;
                        return block.Height;
                    }
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Nothing new within the wait: the follower fetches again.
            }

            return Result<long?>.Ok(null);
        }
        catch (HttpRequestException ex)
        {
            return Result<long?>.Fail(Unreachable, ex.Message);
        }
        catch (JsonException ex)
        {
            return Result<long?>.Fail(Unreachable, "The source's status is not JSON: " + ex.Message);
        }
    }

    /// <summary>Whether an answer refuses the follower's credentials for good (see the class remarks).</summary>
    private static bool Refuses(HttpStatusCode status, string problem) =>
        status == HttpStatusCode.Forbidden
        || (status == HttpStatusCode.Unauthorized && ProblemCode(problem) is ApiErrors.AuthUnknownPlayer or ApiErrors.AuthBadSignature);

    /// <summary>The <c>code</c> of a problem-details body; null when the body is not one.</summary>
    private static string? ProblemCode(string problem)
    {
        try
        {
            using var document = JsonDocument.Parse(problem);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String
                ? code.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
