using System.Collections.Immutable;
using Fugue.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Fugue.Generators.Parsing;

/// <summary>
/// The parser's output for one method: the spec (null when the method has errors) and its diagnostics.
/// Diagnostics stay out of the spec so that the source output caches on the spec alone.
/// </summary>
internal sealed record TransformerParseResult(TransformerSpec? Spec, ImmutableArray<Diagnostic> Diagnostics);
