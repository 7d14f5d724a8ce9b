using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Flecs.Api.Hosting;

/// <summary>Serves the dashboard's three static files from the assembly's resources under <c>/dashboard/</c>.</summary>
internal static class DashboardFiles
{
    private static readonly (string Name, string ContentType)[] Files =
    [
        ("index.html", "text/html; charset=utf-8"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("app.css", "text/css; charset=utf-8"),
    ];

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => TypedResults.Redirect("/dashboard/")).ExcludeFromDescription();
        foreach (var (name, contentType) in Files)
        {
            var bytes = Read(name);
            var path = string.Equals(name, "index.html", StringComparison.Ordinal) ? "/dashboard/" : "/dashboard/" + name;
            app.MapGet(path, (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "no-cache";
                http.Response.Headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self' data:; connect-src 'self'";
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return TypedResults.Bytes(bytes, contentType);
            }).ExcludeFromDescription();
        }
    }

    private static byte[] Read(string name)
    {
        using var stream = typeof(DashboardFiles).Assembly.GetManifestResourceStream("Flecs.Api.Dashboard." + name)
            ?? throw new InvalidOperationException($"The dashboard file '{name}' is not embedded.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
