namespace Timesheets.ScaleOut.Infrastructure;

/// <summary>
/// N instances of one service with the same environment (the same database and settings), each on its own loopback
/// port: what a load balancer spreads requests over. Instances are numbered from 0.
/// </summary>
public sealed class ServiceCluster : IAsyncDisposable
{
    private readonly ServiceProcess[] _instances;

    public ServiceCluster(BuiltService service, int count, IReadOnlyDictionary<string, string?> environment)
    {
        Service = service;
        _instances = [.. Enumerable.Range(0, count).Select(i => new ServiceProcess(service, $"{service.Name}-{i}", environment))];
    }

    public BuiltService Service { get; }

    public IReadOnlyList<ServiceProcess> Instances => _instances;

    public ServiceProcess this[int index] => _instances[index];

    /// <summary>Starts every instance at once (the services migrate under a lock, so concurrent starts are safe) and waits until all are ready.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) =>
        Task.WhenAll(_instances.Select(i => i.StartAsync(cancellationToken)));

    /// <summary><c>kill -9</c> of one instance.</summary>
    public Task KillAsync(int index) => _instances[index].KillAsync();

    /// <summary>SIGTERM to one instance; it drains and exits.</summary>
    public Task StopAsync(int index) => _instances[index].StopAsync();

    /// <summary>Starts a stopped or killed instance again on its port and waits until it is ready.</summary>
    public Task StartAsync(int index, CancellationToken cancellationToken = default) => _instances[index].StartAsync(cancellationToken);

    /// <summary>SIGTERM, then start again.</summary>
    public Task RestartAsync(int index, CancellationToken cancellationToken = default) => _instances[index].RestartAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }
    }
}
