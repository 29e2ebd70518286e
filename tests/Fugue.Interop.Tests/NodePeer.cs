using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fugue.Interop.Tests;

/// <summary>
/// Runs <c>peer.mjs</c> with node on a list of jobs (one process per call) and returns one result per job.
/// </summary>
internal static class NodePeer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>The folder holding peer.mjs and node_modules (the project's source folder).</summary>
    public static string Directory { get; } = typeof(NodePeer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "InteropNodeDir").Value!;

    /// <summary>Runs the jobs; every result is checked to be ok (otherwise the node error is the failure message).</summary>
    public static JsonElement[] Run(params JsonObject[] jobs)
    {
        var results = RunRaw(jobs);
        for (var i = 0; i < results.Length; i++)
        {
            if (!results[i].GetProperty("ok").GetBoolean())
            {
                throw new InvalidOperationException($"peer job {jobs[i].ToJsonString()} failed:\n{results[i].GetProperty("error").GetString()}");
            }
        }

        return results;
    }

    /// <summary>Runs the jobs and returns the raw results (each with <c>ok</c> and either data or <c>error</c>).</summary>
    public static JsonElement[] RunRaw(params JsonObject[] jobs)
    {
        using var temp = new TempDir();
        var jobFile = temp.File("jobs.json");
        File.WriteAllText(jobFile, new JsonArray(jobs.Select(j => (JsonNode)j.DeepClone()).ToArray()).ToJsonString(), new UTF8Encoding(false));
        var psi = new ProcessStartInfo("node")
        {
            WorkingDirectory = Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        psi.ArgumentList.Add(Path.Combine(Directory, "peer.mjs"));
        psi.ArgumentList.Add(jobFile);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(Timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"node peer.mjs did not finish within {Timeout}");
        }

        var output = stdout.GetAwaiter().GetResult();
        var errors = stderr.GetAwaiter().GetResult();
        if (p.ExitCode != 0 || output.Length == 0)
        {
            throw new InvalidOperationException($"node peer.mjs exited with {p.ExitCode}:\n{errors}\n{output}");
        }

        using var doc = JsonDocument.Parse(output);
        return doc.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
