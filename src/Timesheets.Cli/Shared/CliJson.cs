using System.Text.Json;
using System.Text.Json.Serialization;
using Timesheets.Cli.Config;
using Timesheets.Client.Auth;

namespace Timesheets.Cli.Shared;

/// <summary>The CLI's own files and <c>--json</c> shapes, source-generated and in the API's snake_case.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true)]
[JsonSerializable(typeof(CliConfig))]
[JsonSerializable(typeof(TokenSet))]
[JsonSerializable(typeof(WhoAmI))]
[JsonSerializable(typeof(LoggedEntry))]
[JsonSerializable(typeof(ListedWeeks))]
[JsonSerializable(typeof(ImportSummary))]
[JsonSerializable(typeof(SyncOutcome))]
internal sealed partial class CliJson : JsonSerializerContext;
