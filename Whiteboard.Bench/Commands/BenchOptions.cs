using System.CommandLine;
using System.Globalization;

namespace Whiteboard.Bench.Commands;

/// <summary>The kinds of option the scenarios take, typed, each with its default and a clear error for a bad value.</summary>
internal static class BenchOptions
{
    /// <summary>A whole number, <paramref name="minimum"/> or more.</summary>
    public static Option<int> Number(string name, int fallback, string description, int minimum = 1) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= minimum)
            {
                return number;
            }

            result.AddError($"{name} takes a whole number of {minimum} or more, not '{text}'.");
            return fallback;
        },
    };

    /// <summary>Whole numbers, 1 or more each, written with commas between them: "1,5,10".</summary>
    public static Option<int[]> Numbers(string name, int[] fallback, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        HelpName = "N,N,...",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result =>
        {
            var parts = result.Tokens.Single().Value.Split(',');
            var numbers = new List<int>();
            foreach (var part in parts)
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
                {
                    result.AddError($"{name} takes whole numbers of 1 or more with commas between them, not '{result.Tokens.Single().Value}'.");
                    return [];
                }

                numbers.Add(number);
            }

            return [.. numbers];
        },
    };

    /// <summary>The address of an app already running, instead of one the scenario starts.</summary>
    public static Option<Uri?> Url() => new("--url")
    {
        Description = "An app already running at this address (http or https), instead of one the scenario starts",
        HelpName = "URL",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
            {
                return url;
            }

            result.AddError($"--url takes an absolute http or https address, not '{text}'.");
            return null;
        },
    };
}
