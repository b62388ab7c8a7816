using Timesheets.Client.Tests.Auth;
using Timesheets.Client.Tests.Endpoints;
using Timesheets.Client.Tests.Infrastructure;
using Timesheets.Client.Tests.Management;
using Timesheets.Client.Tests.Offline;
using Timesheets.Client.Tests.Rules;

namespace Timesheets.Client.Tests;

// Every test of the client against the real services runs on SQLite and on the real PostgreSQL the test script starts.

[Collection(SqliteCollection.Name)]
public sealed class EntryEndpointTestsOnSqlite(SqliteClientFixture f) : EntryEndpointTests(f);

[Collection(PostgresCollection.Name)]
public sealed class EntryEndpointTestsOnPostgres(PostgresClientFixture f) : EntryEndpointTests(f);

[Collection(SqliteCollection.Name)]
public sealed class ApprovalEndpointTestsOnSqlite(SqliteClientFixture f) : ApprovalEndpointTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ApprovalEndpointTestsOnPostgres(PostgresClientFixture f) : ApprovalEndpointTests(f);

[Collection(SqliteCollection.Name)]
public sealed class ProjectAndReportTestsOnSqlite(SqliteClientFixture f) : ProjectAndReportTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ProjectAndReportTestsOnPostgres(PostgresClientFixture f) : ProjectAndReportTests(f);

[Collection(SqliteCollection.Name)]
public sealed class UploadAndChangesTestsOnSqlite(SqliteClientFixture f) : UploadAndChangesTests(f);

[Collection(PostgresCollection.Name)]
public sealed class UploadAndChangesTestsOnPostgres(PostgresClientFixture f) : UploadAndChangesTests(f);

[Collection(SqliteCollection.Name)]
public sealed class TokenSessionTestsOnSqlite(SqliteClientFixture f) : TokenSessionTests(f);

[Collection(PostgresCollection.Name)]
public sealed class TokenSessionTestsOnPostgres(PostgresClientFixture f) : TokenSessionTests(f);

[Collection(SqliteCollection.Name)]
public sealed class OfflineQueueTestsOnSqlite(SqliteClientFixture f) : OfflineQueueTests(f);

[Collection(PostgresCollection.Name)]
public sealed class OfflineQueueTestsOnPostgres(PostgresClientFixture f) : OfflineQueueTests(f);

[Collection(SqliteCollection.Name)]
public sealed class EntrySyncTestsOnSqlite(SqliteClientFixture f) : EntrySyncTests(f);

[Collection(PostgresCollection.Name)]
public sealed class EntrySyncTestsOnPostgres(PostgresClientFixture f) : EntrySyncTests(f);

[Collection(SqliteCollection.Name)]
public sealed class SameMessagesTestsOnSqlite(SqliteClientFixture f) : SameMessagesTests(f);

[Collection(PostgresCollection.Name)]
public sealed class SameMessagesTestsOnPostgres(PostgresClientFixture f) : SameMessagesTests(f);

[Collection(SqliteCollection.Name)]
public sealed class ManagementUserTestsOnSqlite(SqliteClientFixture f) : ManagementUserTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ManagementUserTestsOnPostgres(PostgresClientFixture f) : ManagementUserTests(f);

[Collection(SqliteCollection.Name)]
public sealed class ManagementAdminTestsOnSqlite(SqliteClientFixture f) : ManagementAdminTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ManagementAdminTestsOnPostgres(PostgresClientFixture f) : ManagementAdminTests(f);
