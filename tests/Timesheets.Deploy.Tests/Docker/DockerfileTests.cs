using System.Text.Json.Nodes;
using System.Xml.Linq;
using Timesheets.Deploy.Tests.Infrastructure;

namespace Timesheets.Deploy.Tests.Docker;

/// <summary>
/// The Dockerfiles, read as the Docker builder would: the paths they publish and copy exist, and the
/// image starts the assembly that was published. (No Docker engine runs here, so no image is built.)
/// </summary>
public sealed class DockerfileTests
{
    public static TheoryData<string> Images => [.. Deployable.All.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_Entrypoint_StartsTheDllOfTheProjectItPublishes(string name)
    {
        var deployable = Deployable.Named(name);
        var image = DockerImage.Load(deployable);

        Assert.NotEmpty(image.Publishes);
        foreach (var (project, _) in image.Publishes)
        {
            Assert.True(File.Exists(ProjectFile(project)), $"{deployable.Dockerfile} publishes {project}, which has no project file.");
        }

        var (served, output) = image.Publishes.Single(p => p.Project == deployable.Project);
        Assert.Equal(["dotnet", $"{AssemblyName(served)}.dll"], image.Entrypoint);
        Assert.Equal(deployable.Assembly.GetName().Name, AssemblyName(served));
        // The published folder is what the runtime stage copies into its working directory.
        Assert.Contains(image.Copies, c => c.Stage == "build" && c.Source == output && c.Destination == ".");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_Images_AreTheRepositorysSdkAndTheTargetFrameworksRuntimeAndRunAsNonRoot(string name)
    {
        var image = DockerImage.Load(Deployable.Named(name));
        var framework = XDocument.Load(RepositoryFiles.FullPath("Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        var sdk = JsonNode.Parse(RepositoryFiles.Read("global.json"))!["sdk"]!["version"]!.GetValue<string>();

        // The build uses the SDK the repository builds with (its analyzers decide what fails the build).
        Assert.Equal([$"mcr.microsoft.com/dotnet/sdk:{sdk}", $"mcr.microsoft.com/dotnet/aspnet:{framework["net".Length..]}"], image.BaseImages);
        // The base image's non-root user (uid 1654), as the Kubernetes securityContext expects.
        Assert.Equal("$APP_UID", image.All("USER").Single());
        Assert.Equal(image.Environment["ASPNETCORE_HTTP_PORTS"], image.All("EXPOSE").Single());
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_HealthCheck_AsksForTheLiveProbe(string name)
    {
        var image = DockerImage.Load(Deployable.Named(name));

        Assert.Equal("/health/live", image.HealthCheckPath);
        // Its port is the one Kestrel listens on: the script reads ASPNETCORE_HTTP_PORTS, which the image sets.
        Assert.Contains("ASPNETCORE_HTTP_PORTS", RepositoryFiles.Read(image.HealthCheckScript), StringComparison.Ordinal);
    }

    [Fact]
    public void AppImage_AppRoot_HoldsThePublishedAppFiles()
    {
        var image = DockerImage.Load(Deployable.App);
        var app = image.Publishes.Single(p => p.Project == "src/Timesheets.App");

        // The host refuses to start unless App__Root holds the published index.html (wwwroot of the app's publish).
        var copy = image.Copies.Single(c => c.Source == $"{app.Output}/wwwroot");
        Assert.Equal(image.Environment["App__Root"], Path.GetFullPath(copy.Destination, image.All("WORKDIR").Last()));
    }

    [Fact]
    public void DockerIgnore_KeepsEverythingTheDockerfilesCopyFromTheRepository()
    {
        var ignored = RepositoryFiles.Read(".dockerignore").Split('\n')
            .Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();
        var copied = Deployable.All.SelectMany(d => DockerImage.Load(d).Instructions)
            .Where(i => i.StartsWith("COPY ", StringComparison.Ordinal) && !i.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(i => i.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1].Where(w => !w.StartsWith("--", StringComparison.Ordinal)))
            .Distinct();

        foreach (var path in copied)
        {
            Assert.True(File.Exists(RepositoryFiles.FullPath(path)) || Directory.Exists(RepositoryFiles.FullPath(path)), $"COPY {path}: no such file in the repository.");
            Assert.DoesNotContain(ignored, pattern => path.StartsWith(pattern.TrimStart('/'), StringComparison.Ordinal));
        }
    }

    private static string ProjectFile(string project) => RepositoryFiles.FullPath(Path.Combine(project, Path.GetFileName(project) + ".csproj"));

    /// <summary>The project's AssemblyName, or its file name when it sets none (the SDK's default).</summary>
    private static string AssemblyName(string project) =>
        XDocument.Load(ProjectFile(project)).Descendants("AssemblyName").SingleOrDefault()?.Value ?? Path.GetFileName(project);
}
