namespace Flash.Cli.Dev;

/// <summary>One endpoint under flash dev: its worker, and the job queue of a queue-based one (null for a load-balanced one).</summary>
internal sealed record DevEndpoint(DevWorker Worker, DevQueue? Queue)
{
    public string Name => Worker.Endpoint.Name;
}
