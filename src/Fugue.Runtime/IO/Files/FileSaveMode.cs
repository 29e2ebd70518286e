namespace Fugue.IO.Files;

/// <summary>What <see cref="FileSaver"/> does when the target path exists (the engine's <c>SaveMode</c> maps onto it).</summary>
public enum FileSaveMode
{
    /// <summary>Replace the file or folder atomically (the old data stays intact if the save fails).</summary>
    Overwrite,

    /// <summary>Add new part files to the folder (created when missing); an existing single file is an error.</summary>
    Append,

    /// <summary>Fail with an <see cref="IOException"/> if the path exists.</summary>
    Error,
}
