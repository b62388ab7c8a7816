-- The pool refresh.sql draws from, in a copy of the migrated Identity database after the refresh scenario: :pool
-- refresh tokens shaped like the server's (no payload: the token is self-contained; application, grant and user of
-- the seeded logins' own tokens, round robin), ids 'bench-1'..'bench-<pool>'.
INSERT INTO "OpenIddictTokens" ("Id", "ApplicationId", "AuthorizationId", "ConcurrencyToken", "CreationDate", "ExpirationDate", "Payload",
  "Properties", "RedemptionDate", "ReferenceId", "Status", "Subject", "Type")
SELECT 'bench-' || g.i, t."ApplicationId", t."AuthorizationId", gen_random_uuid()::text, date_trunc('second', now()),
  date_trunc('second', now()) + interval '14 days', NULL, NULL, NULL, NULL, 'valid', t."Subject", t."Type"
FROM generate_series(1, :pool) AS g(i)
JOIN (SELECT row_number() OVER (ORDER BY "Id") - 1 AS n, count(*) OVER () AS c, "ApplicationId", "AuthorizationId", "Subject", "Type"
      FROM "OpenIddictTokens" WHERE "Type" = 'urn:ietf:params:oauth:token-type:refresh_token' AND "AuthorizationId" IS NOT NULL) AS t
  ON t.n = g.i % t.c;
ANALYZE "OpenIddictTokens";
