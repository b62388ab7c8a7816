using System.Text.Json;
using System.Text.Json.Serialization;
using Timesheets.Client.Offline;
using Timesheets.Contracts;

namespace Timesheets.Client.Json;

/// <summary>
/// Source-generated JSON for every shape the client sends or reads (trimming-safe), in the API's
/// snake_case. The offline queue's own records are here too, so one context serves the library.
/// </summary>
// What the offline store writes must read back: no dictionary key policy (a problem's field names are
// the server's, kept as they were) and nulls written (an EntryResponse's nullable fields are required).
// Enums (queue states, problem kinds) as names.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(EntryRequest))]
[JsonSerializable(typeof(EntryResponse))]
[JsonSerializable(typeof(List<EntryResponse>))]
[JsonSerializable(typeof(RejectRequest))]
[JsonSerializable(typeof(BulkReviewRequest))]
[JsonSerializable(typeof(ProjectRequest))]
[JsonSerializable(typeof(List<ProjectResponse>))]
[JsonSerializable(typeof(ProjectResponse))]
[JsonSerializable(typeof(SummaryResponse))]
[JsonSerializable(typeof(ChangesPage))]
[JsonSerializable(typeof(MeResponse))]
[JsonSerializable(typeof(UploadResult))]
[JsonSerializable(typeof(List<EntryUploadRow>))]
[JsonSerializable(typeof(List<RowError>))]
[JsonSerializable(typeof(List<AuditEventResponse>))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
[JsonSerializable(typeof(List<QueuedEntry>))]
[JsonSerializable(typeof(LocalEntries))]
public sealed partial class ClientJson : JsonSerializerContext;
