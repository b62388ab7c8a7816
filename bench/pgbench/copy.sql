-- The timed part of the COPY limit: the mapped rows of copy-map.sql into the real tables (their indexes, the foreign
-- key to "Projects", EntryChanges."Xid" from its column default), in one transaction, as one upload is.
BEGIN;
\copy "Entries" ("Id", "OwnerSub", "OwnerEmail", "Date", "ProjectId", "Centihours", "Notes", "Status", "Source", "ExternalId", "CreatedAt", "UpdatedAt", "Version") FROM 'copy-entries.csv' WITH (FORMAT csv)
\copy "EntryChanges" ("EntryId", "OwnerSub", "OwnerEmail", "Deleted", "At") FROM 'copy-changes.csv' WITH (FORMAT csv)
COMMIT;
