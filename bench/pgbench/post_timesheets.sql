-- The SQL of one POST /timesheets with an Idempotency-Key, as our API sends it (captured from PostgreSQL's statement
-- log; EntryCreation.cs, PostgresDayLock.cs), in the same three round trips
-- (tests/Timesheets.Api.Tests/Features/Timesheets/EntryRoundTripTests.cs counts them):
--   1. BEGIN, the user's advisory lock, the day's other hours, the new entry's id and the idempotency lookup (no row:
--      the key is new): one batch (a pipeline here), the lookup after the lock;
--   2. the audit row, the entry, its change-feed row and the idempotency row: one batch;
--   3. COMMIT.
-- Users are the 96 seeded clones (their emails; a sub of the same length); days, projects and keys are random.
-- (No literal in a pgbench script may hold a colon: pgbench reads ":word" as a variable even inside quotes.)
\set u random(1, 96)
\set d random(1, 360)
\set p random(1, 20)
\set k random(1, 9223372036854775806)
\startpipeline
BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED;
SELECT pg_advisory_xact_lock(hashtext('user0' || lpad(:u::text, 2, '0') || '@exampleco.com'));
SELECT coalesce(sum("Centihours"), 0)::int FROM "Entries"
WHERE "OwnerEmail" = 'user0' || lpad(:u::text, 2, '0') || '@exampleco.com' AND "Date" = current_date - :d::int AND "Id" <> 0;
SELECT nextval(pg_get_serial_sequence('"Entries"', 'Id'));
SELECT "RequestHash", "EntryId" FROM "IdempotencyKeys"
WHERE "OwnerSub" = md5('sub' || :u)::uuid::text AND "Key" = md5(:k::text)::uuid::text;
\endpipeline
\startpipeline
INSERT INTO "AuditEvents" ("Action", "ActorEmail", "ActorSub", "After", "At", "Before", "EntityId", "EntityType")
VALUES ('create', 'user0' || lpad(:u::text, 2, '0') || '@exampleco.com', md5('sub' || :u)::uuid::text,
  json_build_object('id', currval(pg_get_serial_sequence('"Entries"', 'Id')), 'user_id', 'user0' || lpad(:u::text, 2, '0') || '@exampleco.com',
    'user_sub', md5('sub' || :u)::uuid::text, 'date', current_date - :d::int, 'project', 'Project ' || :p, 'project_id', :p::int, 'hours', 0.25,
    'notes', 'bench ' || :k, 'status', 'pending', 'approved', false, 'reviewed_by', NULL, 'reviewed_at', NULL, 'rejection_reason', NULL,
    'source', 'app', 'external_id', NULL, 'created_at', now(), 'updated_at', now(), 'etag', '"1"')::text,
  now(), NULL, currval(pg_get_serial_sequence('"Entries"', 'Id'))::text, 'timesheet')
RETURNING "Id";
INSERT INTO "Entries" ("Id", "Centihours", "CreatedAt", "Date", "ExternalId", "Notes", "OwnerEmail", "OwnerSub", "ProjectId", "RejectionReason",
  "ReviewedAt", "ReviewedBy", "Source", "Status", "UpdatedAt", "Version")
VALUES (currval(pg_get_serial_sequence('"Entries"', 'Id')), 25, now(), current_date - :d::int, NULL, 'bench ' || :k,
  'user0' || lpad(:u::text, 2, '0') || '@exampleco.com', md5('sub' || :u)::uuid::text, :p::int, NULL, NULL, NULL, 'app', 'pending', now(), 1);
INSERT INTO "EntryChanges" ("At", "Deleted", "EntryId", "OwnerEmail", "OwnerSub")
VALUES (now(), false, currval(pg_get_serial_sequence('"Entries"', 'Id')), 'user0' || lpad(:u::text, 2, '0') || '@exampleco.com', md5('sub' || :u)::uuid::text)
RETURNING "Id", "Xid";
INSERT INTO "IdempotencyKeys" ("CreatedAt", "EntryId", "Key", "OwnerSub", "RequestHash")
VALUES (now(), currval(pg_get_serial_sequence('"Entries"', 'Id')), md5(:k::text)::uuid::text, md5('sub' || :u)::uuid::text,
  upper(md5(:k::text) || md5(:u::text)))
RETURNING "Id";
\endpipeline
COMMIT;
