using System.Diagnostics;
using System.Text;

namespace Fugue.Docs.Tests.Infrastructure;

/// <summary>The outcome of a finished child process.</summary>
/// <param name="ExitCode">The process exit code.</param>
/// <param name="Output">Everything it wrote to stdout.</param>
/// <param name="Error">Everything it wrote to stderr.</param>
public sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    /// <summary>Stdout and stderr together, for failure messages.</summary>
    public string Both => Output + Environment.NewLine + Error;
}

/// <summary>Runs command-line tools (dotnet build, pack, the samples) and captures their output.</summary>
public static class ProcessRunner
{
    /// <summary>
    /// Runs <paramref name="fileName"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.
    /// <paramref name="hangGuard"/> only stops a hung child (its whole tree is killed and the run fails): it is no
    /// speed assertion, so it is generous.
    /// </summary>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan hangGuard, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // The child is a user's tool run: keep it quiet and out of this test host's MSBuild node reuse.
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        // A test host started by `dotnet test` carries MSBuild variables that would leak into a nested build.
        info.Environment.Remove("MSBuildExtensionsPath");
        info.Environment.Remove("MSBuildSDKsPath");
        info.Environment.Remove("MSBUILD_EXE_PATH");
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null)
                {
                    info.Environment.Remove(key);
                }
                else
                {
                    info.Environment[key] = value;
                }
            }
        }

        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        var error = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (error)
                {
                    error.AppendLine(e.Data);
                }
            }
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(hangGuard))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"'{fileName} {string.Join(' ', info.ArgumentList)}' did not finish within {hangGuard}; output so far:\n{output}\n{error}");
        }

        process.WaitForExit(); // drains the asynchronous readers
        return new ProcessResult(process.ExitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>dotnet</c> with the arguments and fails the test with the tool's output unless it exits 0.</summary>
    public static ProcessResult Dotnet(string workingDirectory, TimeSpan hangGuard, params string[] arguments) =>
        Dotnet(workingDirectory, hangGuard, null, arguments);

    /// <summary>Runs <c>dotnet</c> with extra environment variables; fails unless it exits 0.</summary>
    public static ProcessResult Dotnet(string workingDirectory, TimeSpan hangGuard, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        var result = Run("dotnet", arguments, workingDirectory, hangGuard, environment);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} exited with {result.ExitCode}:\n{result.Both}");
        return result;
    }
}
