-- The SQL a refresh grant cannot avoid, as our Identity sends it (captured from PostgreSQL's statement log;
-- (No literal in a pgbench script may hold a colon: pgbench reads ":word" as a variable even inside quotes.)
-- tests/Timesheets.Identity.Tests/Flows/GrantRoundTripTests.cs counts the same four round trips):
--   1. the refresh token by id, with its application and authorization (OpenIddict validates all three);
--   2. the user with their roles' permissions (the new tokens' claims);
--   3. the token marked redeemed, guarded by its concurrency token (one redemption wins);
--   4. the rotated refresh token's row.
-- Each statement is its own round trip and commits on its own, as in the server. Run against a copy of the
-- migrated Identity database holding a pool of :pool refresh tokens 'bench-1'..'bench-<pool>' (refresh-pool.sql).
\set i random(1, :pool)
SELECT o."Id", o."ApplicationId" AS token_app, o."AuthorizationId" AS token_auth, o."ConcurrencyToken" AS token_ct, o."CreationDate" AS token_created,
  o."ExpirationDate" AS token_expires, o."Payload", o."Properties", o."RedemptionDate", o."ReferenceId", o."Status", o."Subject" AS token_sub, o."Type" AS token_type,
  o0."Id", o0."ApplicationType", o0."ClientId", o0."ClientSecret", o0."ClientType", o0."ConcurrencyToken", o0."ConsentType", o0."DisplayName",
  o0."DisplayNames", o0."JsonWebKeySet", o0."Permissions", o0."PostLogoutRedirectUris", o0."Properties", o0."RedirectUris", o0."Requirements",
  o0."Settings", o1."Id", o1."ApplicationId", o1."ConcurrencyToken", o1."CreationDate", o1."Properties", o1."Scopes", o1."Status", o1."Subject", o1."Type"
FROM "OpenIddictTokens" AS o
LEFT JOIN "OpenIddictApplications" AS o0 ON o."ApplicationId" = o0."Id"
LEFT JOIN "OpenIddictAuthorizations" AS o1 ON o."AuthorizationId" = o1."Id"
WHERE o."Id" = 'bench-' || :i::text
LIMIT 1 \gset
SELECT a1."Id", a1."AccessFailedCount", a1."ConcurrencyStamp", a1."CreatedAt", a1."DisplayName", a1."Email", a1."EmailConfirmed", a1."IsContractor",
  a1."IsDemo", a1."LastLoginAt", a1."LockoutEnabled", a1."LockoutEnd", a1."LoginsCount", a1."Nickname", a1."NormalizedEmail", a1."NormalizedUserName",
  a1."PasswordHash", a1."PhoneNumber", a1."PhoneNumberConfirmed", a1."PictureUrl", a1."SecurityStamp", a1."TwoFactorEnabled", a1."UpdatedAt",
  a1."UserName", s."Name", s."Audience", s."UserId", s."RoleId", s."RoleId0", s."PermissionName"
FROM (
    SELECT a."Id", a."AccessFailedCount", a."ConcurrencyStamp", a."CreatedAt", a."DisplayName", a."Email", a."EmailConfirmed", a."IsContractor",
      a."IsDemo", a."LastLoginAt", a."LockoutEnabled", a."LockoutEnd", a."LoginsCount", a."Nickname", a."NormalizedEmail", a."NormalizedUserName",
      a."PasswordHash", a."PhoneNumber", a."PhoneNumberConfirmed", a."PictureUrl", a."SecurityStamp", a."TwoFactorEnabled", a."UpdatedAt", a."UserName"
    FROM "AspNetUsers" AS a
    WHERE a."Id" = :token_sub
    LIMIT 2
) AS a1
LEFT JOIN (
    SELECT p."Name", p."Audience", a0."UserId", a0."RoleId", r."RoleId" AS "RoleId0", r."PermissionName"
    FROM "AspNetUserRoles" AS a0
    INNER JOIN "RolePermissions" AS r ON a0."RoleId" = r."RoleId"
    INNER JOIN "Permissions" AS p ON r."PermissionName" = p."Name"
) AS s ON a1."Id" = s."UserId"
ORDER BY a1."Id", s."UserId", s."RoleId", s."RoleId0", s."PermissionName";
UPDATE "OpenIddictTokens" SET "ApplicationId" = :token_app, "AuthorizationId" = :token_auth, "ConcurrencyToken" = gen_random_uuid()::text,
  "CreationDate" = :token_created, "ExpirationDate" = :token_expires, "Payload" = NULL, "Properties" = NULL, "RedemptionDate" = now(),
  "ReferenceId" = NULL, "Status" = 'redeemed', "Subject" = :token_sub, "Type" = :token_type
WHERE "Id" = 'bench-' || :i::text AND "ConcurrencyToken" = :token_ct;
INSERT INTO "OpenIddictTokens" ("Id", "ApplicationId", "AuthorizationId", "ConcurrencyToken", "CreationDate", "ExpirationDate", "Payload",
  "Properties", "RedemptionDate", "ReferenceId", "Status", "Subject", "Type")
VALUES (gen_random_uuid()::text, :token_app, :token_auth, gen_random_uuid()::text, date_trunc('second', now()), date_trunc('second', now()) + interval '14 days',
  NULL, NULL, NULL, NULL, 'valid', :token_sub, :token_type);
