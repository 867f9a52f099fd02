namespace Portal.Tests.Support;

/// <summary>
/// Tests that must not share the machine with other portal processes: the kernel keeps a page of a file that another
/// process maps too (the other test servers' CoreLib, libcoreclr, assemblies), so what a process can hand back depends
/// on who else runs. xUnit runs this collection on its own, after the parallel ones.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
