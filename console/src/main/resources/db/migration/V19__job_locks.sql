-- ShedLock's table (system/JobLocks): one row per background job that must run on one console instance at a time.
-- lock_until is written from the database's own clock (usingDbTime), so the instances' clocks do not matter; a job
-- whose instance died is taken over once lock_until has passed.
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp(3) not null,
    locked_at  timestamp(3) not null,
    locked_by  varchar(255) not null
);
