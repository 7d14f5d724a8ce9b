using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Flecs.Api.Tests;

/// <summary>
/// The NSwag client in this project is generated from OpenApi/v1.json at build time; this pins that file to the document
/// the node serves. To refresh it after an API change: <c>FLECS_UPDATE_OPENAPI=1 dotnet test --project tests/Flecs.Api.Tests</c>, then rebuild.
/// </summary>
public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task ServedDocument_IsTheOneTheClientIsGeneratedFrom()
    {
        await using var node = await ApiNode.StartAsync();
        var served = Normalize(await node.Anonymous().GetStringAsync(NodeApi.OpenApiPath.TrimStart('/'), TestContext.Current.CancellationToken));
        var path = CommittedDocumentPath();

        if (string.Equals(Environment.GetEnvironmentVariable("FLECS_UPDATE_OPENAPI"), "1", StringComparison.Ordinal))
        {
            await File.WriteAllTextAsync(path, served, TestContext.Current.CancellationToken);
        }

        var committed = Normalize(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
        Assert.True(string.Equals(served, committed, StringComparison.Ordinal), "The served OpenAPI document differs from tests/Flecs.Api.Tests/OpenApi/v1.json: run FLECS_UPDATE_OPENAPI=1 dotnet test --project tests/Flecs.Api.Tests, review the diff, rebuild.");
    }

    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>The source tree's OpenApi/v1.json, recorded by the project file at build time (a CI build maps source paths to /_/).</summary>
    private static string CommittedDocumentPath() =>
        typeof(OpenApiDocumentTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => string.Equals(attribute.Key, "OpenApiDocument", StringComparison.Ordinal)).Value!;
}
