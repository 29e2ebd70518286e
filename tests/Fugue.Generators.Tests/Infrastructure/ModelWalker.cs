using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Fugue.Generators.Tests.Infrastructure;

/// <summary>Walks a pipeline model and fails on any Roslyn object (they root compilations and break caching).</summary>
public static class ModelWalker
{
    public static void AssertPure(object? value, string path)
    {
        switch (value)
        {
            case null or string or Enum or bool or int or long or double:
                return;
            case ISymbol or Compilation or SemanticModel or SyntaxNode or SyntaxTree or Location or AttributeData:
                Assert.Fail(path + " holds a " + value.GetType().Name);
                return;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    AssertPure(item, path + "[" + i++ + "]");
                }

                return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.Name != "EqualityContract")
            {
                AssertPure(property.GetValue(value), path + "." + property.Name);
            }
        }
    }
}
