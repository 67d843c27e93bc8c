-- One row the console writes every few seconds to know that its database can be written (readiness).
-- It carries a CHECK constraint on purpose: a class of H2 bug (2.4.240) broke writes to exactly such tables
-- while reads and "select 1" still answered.
create table health_probe (
    id         integer                  not null primary key,
    state      varchar(8)               not null,
    checked_at timestamp with time zone not null,
    constraint ck_health_probe_state check (state in ('OK'))
);
insert into health_probe (id, state, checked_at) values (1, 'OK', current_timestamp);
