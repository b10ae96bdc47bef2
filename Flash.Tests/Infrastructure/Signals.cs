using System.Diagnostics;
using System.Globalization;

namespace Flash.Tests.Infrastructure;

/// <summary>Unix signals to a process: STOP pauses a worker so its jobs stay queued or running, CONT resumes it.</summary>
internal static class Signals
{
    public static void Send(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }
}
