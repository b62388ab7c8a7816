using Timesheets.Identity.Tests.Attacks;
using Timesheets.Identity.Tests.Flows;
using Timesheets.Identity.Tests.Infrastructure;

namespace Timesheets.Identity.Tests;

// Every flow and attack runs on SQLite and on the real PostgreSQL the test script starts.

[Collection(SqliteCollection.Name)]
public sealed class DiscoveryTestsOnSqlite(SqliteIdentityFixture f) : DiscoveryTests(f);

[Collection(PostgresCollection.Name)]
public sealed class DiscoveryTestsOnPostgres(PostgresIdentityFixture f) : DiscoveryTests(f);

[Collection(SqliteCollection.Name)]
public sealed class CodeFlowTestsOnSqlite(SqliteIdentityFixture f) : CodeFlowTests(f);

[Collection(PostgresCollection.Name)]
public sealed class CodeFlowTestsOnPostgres(PostgresIdentityFixture f) : CodeFlowTests(f);

[Collection(SqliteCollection.Name)]
public sealed class RefreshTokenTestsOnSqlite(SqliteIdentityFixture f) : RefreshTokenTests(f);

[Collection(PostgresCollection.Name)]
public sealed class RefreshTokenTestsOnPostgres(PostgresIdentityFixture f) : RefreshTokenTests(f);

[Collection(SqliteCollection.Name)]
public sealed class ProtocolAttackTestsOnSqlite(SqliteIdentityFixture f) : ProtocolAttackTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ProtocolAttackTestsOnPostgres(PostgresIdentityFixture f) : ProtocolAttackTests(f);

[Collection(SqliteCollection.Name)]
public sealed class LoginAttackTestsOnSqlite(SqliteIdentityFixture f) : LoginAttackTests(f);

[Collection(PostgresCollection.Name)]
public sealed class LoginAttackTestsOnPostgres(PostgresIdentityFixture f) : LoginAttackTests(f);

[Collection(SqliteCollection.Name)]
public sealed class CompactJsonTestsOnSqlite(SqliteIdentityFixture f) : Oidc.CompactJsonTests(f);

[Collection(PostgresCollection.Name)]
public sealed class CompactJsonTestsOnPostgres(PostgresIdentityFixture f) : Oidc.CompactJsonTests(f);

[Collection(SqliteCollection.Name)]
public sealed class AudienceAndResourceTestsOnSqlite(SqliteIdentityFixture f) : Oidc.AudienceAndResourceTests(f);

[Collection(PostgresCollection.Name)]
public sealed class AudienceAndResourceTestsOnPostgres(PostgresIdentityFixture f) : Oidc.AudienceAndResourceTests(f);

[Collection(SqliteCollection.Name)]
public sealed class ClientLimitedPermissionsTestsOnSqlite(SqliteIdentityFixture f) : Oidc.ClientLimitedPermissionsTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ClientLimitedPermissionsTestsOnPostgres(PostgresIdentityFixture f) : Oidc.ClientLimitedPermissionsTests(f);

[Collection(SqliteCollection.Name)]
public sealed class NativeConsentTestsOnSqlite(SqliteIdentityFixture f) : Sessions.NativeConsentTests(f);

[Collection(PostgresCollection.Name)]
public sealed class NativeConsentTestsOnPostgres(PostgresIdentityFixture f) : Sessions.NativeConsentTests(f);

[Collection(SqliteCollection.Name)]
public sealed class LogoutTestsOnSqlite(SqliteIdentityFixture f) : Sessions.LogoutTests(f);

[Collection(PostgresCollection.Name)]
public sealed class LogoutTestsOnPostgres(PostgresIdentityFixture f) : Sessions.LogoutTests(f);

[Collection(SqliteCollection.Name)]
public sealed class DeviceFlowTestsOnSqlite(SqliteIdentityFixture f) : Device.DeviceFlowTests(f);

[Collection(PostgresCollection.Name)]
public sealed class DeviceFlowTestsOnPostgres(PostgresIdentityFixture f) : Device.DeviceFlowTests(f);

[Collection(SqliteCollection.Name)]
public sealed class ManagementTokenTestsOnSqlite(SqliteIdentityFixture f) : Management.ManagementTokenTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ManagementTokenTestsOnPostgres(PostgresIdentityFixture f) : Management.ManagementTokenTests(f);

[Collection(SqliteCollection.Name)]
public sealed class ManagementAccessTestsOnSqlite(SqliteIdentityFixture f) : Management.ManagementAccessTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ManagementAccessTestsOnPostgres(PostgresIdentityFixture f) : Management.ManagementAccessTests(f);

[Collection(SqliteCollection.Name)]
public sealed class ClientsTestsOnSqlite(SqliteIdentityFixture f) : Management.ClientsTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ClientsTestsOnPostgres(PostgresIdentityFixture f) : Management.ClientsTests(f);

[Collection(SqliteCollection.Name)]
public sealed class ResourceServersTestsOnSqlite(SqliteIdentityFixture f) : Management.ResourceServersTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ResourceServersTestsOnPostgres(PostgresIdentityFixture f) : Management.ResourceServersTests(f);

[Collection(SqliteCollection.Name)]
public sealed class LogsTestsOnSqlite(SqliteIdentityFixture f) : Management.LogsTests(f);

[Collection(PostgresCollection.Name)]
public sealed class LogsTestsOnPostgres(PostgresIdentityFixture f) : Management.LogsTests(f);

[Collection(SqliteCollection.Name)]
public sealed class UsersApiTestsOnSqlite(SqliteIdentityFixture f) : Management.UsersApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class UsersApiTestsOnPostgres(PostgresIdentityFixture f) : Management.UsersApiTests(f);

[Collection(SqliteCollection.Name)]
public sealed class UsersAuthorizationTestsOnSqlite(SqliteIdentityFixture f) : Management.UsersAuthorizationTests(f);

[Collection(PostgresCollection.Name)]
public sealed class UsersAuthorizationTestsOnPostgres(PostgresIdentityFixture f) : Management.UsersAuthorizationTests(f);

[Collection(SqliteCollection.Name)]
public sealed class UserTokenChangeTestsOnSqlite(SqliteIdentityFixture f) : Management.UserTokenChangeTests(f);

[Collection(PostgresCollection.Name)]
public sealed class UserTokenChangeTestsOnPostgres(PostgresIdentityFixture f) : Management.UserTokenChangeTests(f);

[Collection(SqliteCollection.Name)]
public sealed class RolesApiTestsOnSqlite(SqliteIdentityFixture f) : Management.RolesApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class RolesApiTestsOnPostgres(PostgresIdentityFixture f) : Management.RolesApiTests(f);

[Collection(SqliteCollection.Name)]
public sealed class InvitationTestsOnSqlite(SqliteIdentityFixture f) : Management.InvitationTests(f);

[Collection(PostgresCollection.Name)]
public sealed class InvitationTestsOnPostgres(PostgresIdentityFixture f) : Management.InvitationTests(f);

[Collection(SqliteCollection.Name)]
public sealed class UsersPagesTestsOnSqlite(SqliteIdentityFixture f) : Management.UsersPagesTests(f);

[Collection(PostgresCollection.Name)]
public sealed class UsersPagesTestsOnPostgres(PostgresIdentityFixture f) : Management.UsersPagesTests(f);

[Collection(SqliteCollection.Name)]
public sealed class CreateAdminTestsOnSqlite(SqliteIdentityFixture f) : Management.CreateAdminTests(f);

[Collection(PostgresCollection.Name)]
public sealed class CreateAdminTestsOnPostgres(PostgresIdentityFixture f) : Management.CreateAdminTests(f);

[Collection(SqliteCollection.Name)]
public sealed class AdminPagesTestsOnSqlite(SqliteIdentityFixture f) : Management.AdminPagesTests(f);

[Collection(PostgresCollection.Name)]
public sealed class AdminPagesTestsOnPostgres(PostgresIdentityFixture f) : Management.AdminPagesTests(f);

[Collection(SqliteCollection.Name)]
public sealed class ApiClientTestsOnSqlite(SqliteIdentityFixture f) : Management.ApiClientTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ApiClientTestsOnPostgres(PostgresIdentityFixture f) : Management.ApiClientTests(f);

[Collection(SqliteCollection.Name)]
public sealed class ConfirmPagesTestsOnSqlite(SqliteIdentityFixture f) : Management.ConfirmPagesTests(f);

[Collection(PostgresCollection.Name)]
public sealed class ConfirmPagesTestsOnPostgres(PostgresIdentityFixture f) : Management.ConfirmPagesTests(f);

[Collection(SqliteCollection.Name)]
public sealed class SecondFactorResetApiTestsOnSqlite(SqliteIdentityFixture f) : Management.SecondFactorResetApiTests(f);

[Collection(PostgresCollection.Name)]
public sealed class SecondFactorResetApiTestsOnPostgres(PostgresIdentityFixture f) : Management.SecondFactorResetApiTests(f);
