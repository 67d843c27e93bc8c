-- Every action on a resource runs as a task: persisted when submitted, with its steps and progress,
-- and kept after it ends. A console restart turns QUEUED and RUNNING tasks into FAILED.
create table task (
    id          uuid                     not null primary key,
    action      varchar(64)              not null,
    target_type varchar(32)              not null,
    target_id   varchar(64)              not null,
    target_name varchar(255)             not null,
    project_id  bigint,
    actor       varchar(64)              not null,
    state       varchar(16)              not null,
    progress    integer                  not null,
    message     varchar(4000),
    created_at  timestamp with time zone not null,
    started_at  timestamp with time zone,
    finished_at timestamp with time zone,
    constraint ck_task_state check (state in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    constraint ck_task_progress check (progress between 0 and 100)
);

create index ix_task_created_at on task (created_at);
create index ix_task_target on task (target_type, target_id, created_at);
create index ix_task_project on task (project_id, created_at);
create index ix_task_state on task (state);

create table task_step (
    task_id     uuid                     not null,
    position    integer                  not null,
    description varchar(255)             not null,
    state       varchar(16)              not null,
    started_at  timestamp with time zone not null,
    finished_at timestamp with time zone,
    constraint pk_task_step primary key (task_id, position),
    constraint fk_task_step_task foreign key (task_id) references task (id) on delete cascade,
    constraint ck_task_step_state check (state in ('RUNNING', 'DONE', 'FAILED'))
);
