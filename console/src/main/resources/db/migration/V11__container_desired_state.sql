-- What the console was last asked for a container: RUNNING (created, started, restarted) or STOPPED
-- (stopped through the console). The keeper restarts a container with restart policy "always" that is
-- seen stopped while RUNNING is wanted, and never one that was stopped through the console.
alter table container add column desired_state varchar(16) default 'RUNNING' not null;
alter table container add constraint ck_container_desired_state check (desired_state in ('RUNNING', 'STOPPED'));
