namespace Timesheets.ScaleOut.Infrastructure;

/// <summary>Every test class of the topology shares one set of processes (started once: about 15 s), one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TopologyCollection : ICollectionFixture<Topology>
{
    public const string Name = "Topology";
}
