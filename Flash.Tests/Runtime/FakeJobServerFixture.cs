using Flash.FakeRunPod.Jobs;

namespace Flash.Tests.Runtime;

/// <summary>A fresh fake job server per test.</summary>
public abstract class FakeJobServerFixture
{
    private FakeJobServer? _fake;

    protected FakeJobServer Fake => _fake ?? throw new InvalidOperationException("The fake starts in SetUp.");

    [SetUp]
    public async Task StartFake() => _fake = await FakeJobServer.StartAsync();

    [TearDown]
    public async Task StopFake()
    {
        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }
}
