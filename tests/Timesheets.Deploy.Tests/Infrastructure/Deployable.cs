using System.Reflection;
using Timesheets.Api;
using Timesheets.App.Host;
using Timesheets.Identity;

namespace Timesheets.Deploy.Tests.Infrastructure;

/// <summary>
/// One image of the kit and what it is built from: its Dockerfile, the project it serves, the compose
/// image and Kubernetes Deployment it runs as (all named <see cref="Name"/>).
/// </summary>
internal sealed record Deployable(string Name, string Project, Assembly Assembly)
{
    public static readonly Deployable Identity = new("identity", "src/Timesheets.Identity", typeof(IdentityEntryPoint).Assembly);
    public static readonly Deployable Api = new("api", "src/Timesheets.Api", typeof(ApiEntryPoint).Assembly);
    public static readonly Deployable App = new("app", "src/Timesheets.App.Host", typeof(AppHostEntryPoint).Assembly);

    public static IReadOnlyList<Deployable> All { get; } = [Identity, Api, App];

    public string Dockerfile => $"deploy/docker/{Name}.Dockerfile";

    public string ComposeImage => $"timesheets/{Name}";

    public static Deployable Named(string name) => All.Single(d => d.Name == name);

    public override string ToString() => Name;
}
