namespace Timesheets.ScaleOut.Infrastructure;

/// <summary>
/// A service as the build left it: its project folder (the content root: appsettings.json, wwwroot) and its
/// <c>bin/&lt;Configuration&gt;/net10.0/&lt;Name&gt;.dll</c>, in the configuration this test project was built in
/// (the project reference to Timesheets.Testing builds both services first).
/// </summary>
public sealed record BuiltService(string Name, string ProjectFolder, string Dll, string ReadyPath)
{
    public static BuiltService Identity { get; } = Find("Timesheets.Identity", "/health/ready");

    public static BuiltService Api { get; } = Find("Timesheets.Api", "/health/ready");

    private static BuiltService Find(string name, string readyPath)
    {
        // .../tests/Timesheets.ScaleOut/bin/<Configuration>/net10.0/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Timesheets.slnx")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException($"No Timesheets.slnx above {AppContext.BaseDirectory}.");
        }

        var project = Path.Combine(root.FullName, "src", name);
        var dll = Path.Combine(project, "bin", configuration, "net10.0", name + ".dll");
        return File.Exists(dll)
            ? new BuiltService(name, project, dll, readyPath)
            : throw new InvalidOperationException($"{dll} is missing: build the solution in {configuration} first.");
    }
}
