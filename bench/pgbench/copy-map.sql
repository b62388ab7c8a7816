-- Untimed preparation of the COPY limit (run.sh runs it in the results folder, on bench_copy, a copy of the migrated
-- bench_api): the upload's CSV rows mapped to the columns of "Entries" and "EntryChanges" as the upload stores them
-- (project name -> id, email -> the user's sub when the API knows them, hours -> centihours, status pending, source
-- batch, entry ids reserved from the table's own sequence), written to copy-entries.csv and copy-changes.csv.
CREATE TEMP TABLE upload (user_id text, date date, project text, hours numeric, notes text, external_id text);
\copy upload FROM 'upload.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE mapped AS
SELECT nextval(pg_get_serial_sequence('"Entries"', 'Id')) AS id, u."Sub" AS sub, r.user_id AS email, r.date, p."Id" AS project,
  round(r.hours * 100)::int AS centihours, r.notes, r.external_id, now() AS at
FROM upload r JOIN "Projects" p ON p."Name" = r.project LEFT JOIN "Users" u ON u."Email" = r.user_id;
\copy (SELECT id, sub, email, date, project, centihours, notes, 'pending', 'batch', external_id, at, at, 1 FROM mapped ORDER BY id) TO 'copy-entries.csv' WITH (FORMAT csv)
\copy (SELECT id, sub, email, false, at FROM mapped ORDER BY id) TO 'copy-changes.csv' WITH (FORMAT csv)
