using System.Net;
using System.Text.RegularExpressions;
using Npgsql;
using Timesheets.Deploy.Tests.Infrastructure;

namespace Timesheets.Deploy.Tests.Compose;

/// <summary>
/// deploy/compose.yaml with the variables of a fresh deploy/.env, and the Caddyfile in front of it:
/// two instances of each image behind the proxy on the port they listen on, migrations once before them.
/// </summary>
public sealed class ComposeTests
{
    private readonly ComposeFile _compose = ComposeFile.Load();

    public static TheoryData<string> Images => [.. Deployable.All.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Images))]
    public void Compose_EachImage_RunsTwoInstancesBuiltFromItsDockerfile(string name)
    {
        var deployable = Deployable.Named(name);
        var instances = _compose.InstancesOf(deployable.ComposeImage);

        Assert.Equal(2, instances.Count);
        foreach (var instance in instances.Values)
        {
            Assert.Equal("..", instance.Map("build").String("context"));
            Assert.Equal(deployable.Dockerfile, instance.Map("build").String("dockerfile"));
            Assert.True(File.Exists(RepositoryFiles.FullPath(deployable.Dockerfile)));
            Assert.NotEqual("true", instance.Map("environment").OptionalString("Database__MigrateOnStart"), StringComparer.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("identity")]
    [InlineData("api")]
    public void Compose_Migrations_RunOnceBeforeEveryInstance(string name)
    {
        var deployable = Deployable.Named(name);
        var migrate = _compose.ServicesOf(deployable.ComposeImage).Where(s => s.Value.Has("command")).ToList();

        var (migrateName, service) = Assert.Single(migrate);
        Assert.Equal(["migrate"], service.Strings("command"));
        Assert.Equal("no", service.String("restart"));
        // The one-shot service runs with the instances' own settings, so it migrates the database they use.
        var instance = _compose.InstancesOf(deployable.ComposeImage).Values.First();
        Assert.Equal(instance.Map("environment").ToStrings(), service.Map("environment").ToStrings());
        foreach (var each in _compose.InstancesOf(deployable.ComposeImage).Values)
        {
            Assert.Equal("service_completed_successfully", each.At("depends_on", migrateName).String("condition"));
        }
    }

    [Fact]
    public void Proxy_EachSite_SendsToBothInstancesOfOneImageOnTheirPort()
    {
        var proxy = _compose.Services.Map("proxy");
        var sites = ProxyConfig.Sites(proxy.Map("environment").ToStrings());
        var publicHosts = PublicHosts(_compose);

        Assert.Equal(publicHosts.Values.Order(), sites.Keys.Order());
        foreach (var deployable in Deployable.All)
        {
            var instances = _compose.InstancesOf(deployable.ComposeImage);
            var expected = instances.Select(i => $"{i.Key}:{i.Value.Map("environment").String("ASPNETCORE_HTTP_PORTS")}").Order();
            Assert.Equal(expected, sites[publicHosts[deployable.Name]].Order());
        }

        // The public names resolve to the proxy inside the network too: the API reads Identity's discovery document there.
        var aliases = proxy.At("networks", "edge").Strings("aliases");
        Assert.Equal(publicHosts.Values.Order(), aliases.Order());
    }

    [Fact]
    public void Proxy_ForwardedHeaders_AreBelievedFromTheProxyAddressOnly()
    {
        var proxyAddress = _compose.Services.Map("proxy").At("networks", "edge").String("ipv4_address");

        foreach (var (section, image) in new[] { ("Identity", Deployable.Identity), ("Api", Deployable.Api) })
        {
            foreach (var instance in _compose.InstancesOf(image.ComposeImage).Values)
            {
                var environment = instance.Map("environment").ToStrings();
                Assert.Equal("true", environment[$"{section}__BehindProxy"]);
                Assert.Equal(proxyAddress, environment[$"{section}__TrustedProxies__0"]);
                Assert.Contains("edge", instance.Strings("networks"));
            }
        }

        var subnet = IPNetwork.Parse(_compose.Root.At("networks", "edge", "ipam").Maps("config").Single().String("subnet"));
        Assert.True(subnet.Contains(IPAddress.Parse(proxyAddress)), $"The proxy's address {proxyAddress} is outside the network {subnet}.");
    }

    [Fact]
    public void Identity_KeyFile_IsTheSecretMountedIntoEveryIdentityContainer()
    {
        foreach (var service in _compose.ServicesOf(Deployable.Identity.ComposeImage).Values)
        {
            var secret = Assert.Single(service.Strings("secrets"));
            Assert.Equal($"/run/secrets/{secret}", service.Map("environment").String("Keys__EncryptionKeyFile"));
            Assert.Equal("./secrets/keys.key", _compose.Root.At("secrets", secret).String("file"));
        }

        // init-secrets.sh writes the file compose mounts.
        Assert.Contains("secrets/keys.key", RepositoryFiles.Read("deploy/init-secrets.sh"), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ConnectionStrings_NameTheDatabasesAndRolePostgresCreates()
    {
        var postgres = _compose.Services.Map("postgres").Map("environment");
        var created = Regex.Matches(RepositoryFiles.Read("deploy/postgres/init-databases.sql"), @"CREATE DATABASE (\w+) OWNER (\w+);")
            .Select(m => (Database: m.Groups[1].Value, Owner: m.Groups[2].Value))
            .Append((Database: postgres.String("POSTGRES_DB"), Owner: postgres.String("POSTGRES_USER")));

        var databases = new List<string>();
        foreach (var deployable in new[] { Deployable.Identity, Deployable.Api })
        {
            var connection = new NpgsqlConnectionStringBuilder(_compose.InstancesOf(deployable.ComposeImage).Values.First().Map("environment").String("Database__ConnectionString"));
            Assert.Contains((connection.Database!, connection.Username!), created);
            Assert.Equal(postgres.String("POSTGRES_PASSWORD"), connection.Password);
            Assert.Equal("postgres", connection.Host);
            databases.Add(connection.Database!);
        }

        // Each service has a database of its own.
        Assert.Equal(databases.Count, databases.Distinct().Count());
    }

    [Fact]
    public void Compose_WithoutSecrets_StopsInsteadOfStartingWithEmptyPasswords()
    {
        var variables = ComposeFile.Variables();
        variables["POSTGRES_PASSWORD"] = "";

        var refused = Assert.Throws<InvalidOperationException>(() => ComposeFile.Interpolate(RepositoryFiles.Read("deploy/compose.yaml"), variables));
        Assert.Contains("init-secrets.sh", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>The host each image is reached at, from the URLs the services are given.</summary>
    internal static Dictionary<string, string> PublicHosts(ComposeFile compose)
    {
        var app = compose.InstancesOf(Deployable.App.ComposeImage).Values.First().Map("environment");
        var identity = compose.InstancesOf(Deployable.Identity.ComposeImage).Values.First().Map("environment");
        return new Dictionary<string, string>
        {
            ["identity"] = new Uri(app.String("App__IdentityUrl")).Host,
            ["api"] = new Uri(app.String("App__ApiUrl")).Host,
            ["app"] = new Uri(identity.String("Identity__AppUrl")).Host,
        };
    }
}
