-- Local Supabase stand-in only (scripts/standin): what email confirmation needs on top of
-- auth-extra.sql (a separate file so databases made before it gain the columns at their next
-- boot). The columns carry GoTrue's names. NOT a migration. Idempotent.

alter table auth.users add column if not exists confirmation_sent_at timestamptz;
-- An address waiting for its confirmation link (an anonymous user adding one, or a change).
alter table auth.users add column if not exists email_change text;
alter table auth.users add column if not exists email_change_sent_at timestamptz;
