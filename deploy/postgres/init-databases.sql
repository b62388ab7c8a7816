-- Runs once, when the PostgreSQL volume is new: Identity's database is POSTGRES_DB; the API has its own.
-- Both belong to the one role the services connect as (docs/deploy.md: separate roles per service are a
-- small change here and in the connection strings).
CREATE DATABASE timesheets_api OWNER timesheets;
