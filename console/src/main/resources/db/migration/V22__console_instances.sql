-- Several console instances on one database (docs/operations.md, "Two instances"). Each instance picks a random id at
-- start and beats its heart here every 2 s from the database's clock; an instance whose beat is older than 8 s is
-- dead: another one fails the tasks it was running (with clean-up) and frees the job locks it held.
create table console_instance (
    id           varchar(36)              not null primary key,
    started_at   timestamp with time zone not null,
    heartbeat_at timestamp with time zone not null
);

-- The instance running a task (QUEUED or RUNNING); null for tasks recorded before V22.
alter table task add column instance_id varchar(36);

-- Failed logins per user name and client address (identity/LoginThrottle), shared by every instance so that a
-- password guesser cannot double its tries by alternating between them.
create table login_failure (
    throttle_key varchar(400)             not null primary key,
    failures     integer                  not null,
    last_failure timestamp with time zone not null
);
create index ix_login_failure_last on login_failure (last_failure);
