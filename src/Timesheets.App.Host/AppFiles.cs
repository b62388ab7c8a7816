using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Timesheets.App.Host;

internal static class AppFiles
{
    /// <summary>
    /// Sends the Brotli copy the publish wrote beside a file (<c>x.wasm.br</c>) to browsers that accept it:
    /// the framework is about a third of its size so, and nothing is compressed per request.
    /// </summary>
    public static void UsePrecompressedFiles(this WebApplication app)
    {
        var files = Files(app);
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value ?? "";
            // An endpoint (appsettings.json) writes its own answer: never label it Brotli.
            if (context.GetEndpoint() is null && HttpMethods.IsGet(context.Request.Method) && path.Contains('.', StringComparison.Ordinal)
                && context.Request.Headers.AcceptEncoding.ToString().Contains("br", StringComparison.Ordinal)
                && files.GetFileInfo(path + ".br").Exists)
            {
                context.Request.Path = path + ".br";
                context.Response.Headers.ContentEncoding = "br";
            }

            context.Response.Headers.Vary = HeaderNames.AcceptEncoding;
            return next(context);
        });
    }

    /// <summary>The published files, and index.html for any app route (a path without a file extension).</summary>
    public static void UseAppFiles(this WebApplication app)
    {
        var files = Files(app);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".webmanifest"] = "application/manifest+json";
        types.Mappings[".dat"] = "application/octet-stream";
        types.Mappings[".blat"] = "application/octet-stream";
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ServeUnknownFileTypes = false,
            ContentTypeProvider = new PrecompressedTypes(types),
            OnPrepareResponse = file =>
            {
                // index.html names the fingerprinted files of one publish: always ask whether it changed.
                if (file.File.Name is "index.html" or "app.js")
                {
                    file.Context.Response.Headers.CacheControl = "no-cache";
                }
            },
        });
        app.MapFallback(async context =>
        {
            if (Path.HasExtension(context.Request.Path.Value))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"), context.RequestAborted);
        });
    }

    private static PhysicalFileProvider Files(WebApplication app) =>
        new(app.Services.GetRequiredService<IOptions<AppHostSettings>>().Value.RootPath);

    /// <summary>A <c>.br</c> file is served with the type of the file it compresses.</summary>
    private sealed class PrecompressedTypes(FileExtensionContentTypeProvider inner) : IContentTypeProvider
    {
        public bool TryGetContentType(string subpath, out string contentType) =>
            inner.TryGetContentType(subpath.EndsWith(".br", StringComparison.Ordinal) ? subpath[..^3] : subpath, out contentType!);
    }
}
