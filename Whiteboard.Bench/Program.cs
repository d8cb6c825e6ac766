using Whiteboard.Bench.Commands;

// Whiteboard.Bench: `dotnet run -c Release --project Whiteboard.Bench -- --help` lists the scenarios; `<scenario> --help`, their options.
return await BenchCommand.Create().Parse(args).InvokeAsync();
