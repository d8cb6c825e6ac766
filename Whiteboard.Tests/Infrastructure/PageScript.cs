using System.Text.Json;
using Microsoft.JSInterop;

namespace Whiteboard.Tests.Infrastructure;

/// <summary>
/// One of the page's script objects as a component under test sees it (a module it imports, or an object a
/// module returns, such as the canvas): records every call, and answers the planned ones with JSON, read into
/// the type the component asks for, as Blazor reads a script's answer. An unplanned call answers the type's
/// default, and a call for an object answers another <see cref="PageScript"/>.
/// </summary>
public sealed class PageScript(string name) : IJSObjectReference
{
    private readonly Lock gate = new();
    private readonly List<ScriptCall> calls = [];
    private readonly Dictionary<string, string> answers = [];
    private readonly Dictionary<string, PageScript> objects = [];

    public string Name => name;

    /// <summary>Every call made so far, in order.</summary>
    public IReadOnlyList<ScriptCall> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    /// <summary>The calls of one function, in order.</summary>
    public IReadOnlyList<ScriptCall> CallsTo(string identifier) => [.. Calls.Where(call => call.Identifier == identifier)];

    /// <summary>Whether the function is planned to answer.</summary>
    public bool Answers(string identifier)
    {
        lock (gate)
        {
            return answers.ContainsKey(identifier);
        }
    }

    /// <summary>Plans what a function answers, as the script would return it: JSON.</summary>
    public void Answer(string identifier, string json)
    {
        lock (gate)
        {
            answers[identifier] = json;
        }
    }

    /// <summary>The object a function returns (the canvas that "attach" gives), the same one every time.</summary>
    public PageScript Returned(string identifier)
    {
        lock (gate)
        {
            if (!objects.TryGetValue(identifier, out var returned))
            {
                returned = new PageScript($"{name}.{identifier}()");
                objects[identifier] = returned;
            }

            return returned;
        }
    }

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        InvokeAsync<TValue>(identifier, CancellationToken.None, args);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
    {
        string? json;
        lock (gate)
        {
            calls.Add(new ScriptCall(identifier, args ?? []));
            answers.TryGetValue(identifier, out json);
        }

        if (typeof(TValue) == typeof(IJSObjectReference))
        {
            return ValueTask.FromResult((TValue)(object)Returned(identifier));
        }

        return ValueTask.FromResult(json is null ? default! : JsonSerializer.Deserialize<TValue>(json, JsonSerializerOptions.Web)!);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public override string ToString() => $"{name}: {string.Join(", ", Calls)}";
}

/// <summary>A call into the page's script: the function and what it was given.</summary>
public sealed record ScriptCall(string Identifier, IReadOnlyList<object?> Arguments)
{
    public override string ToString() => $"{Identifier}({string.Join(", ", Arguments)})";
}
