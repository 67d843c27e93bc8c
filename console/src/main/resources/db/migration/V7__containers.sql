-- Containers the console manages. state is what the console last observed (or is doing);
-- resources counted against the quota are every container not in ERROR or DELETED.
create table container (
    id              uuid                     not null primary key,
    name            varchar(63)              not null,
    project_id      bigint                   not null,
    owner           varchar(64)              not null,
    host_id         uuid,
    engine_id       varchar(128),
    engine_name     varchar(63)              not null,
    image           varchar(255)             not null,
    command         varchar(1000),
    millicpus       integer                  not null,
    memory_mib      bigint                   not null,
    restart_policy  varchar(32)              not null,
    container_port  integer,
    host_port       integer,
    state           varchar(16)              not null,
    state_reason    varchar(255),
    error_message   varchar(4000),
    health          varchar(16),
    created_at      timestamp with time zone not null,
    updated_at      timestamp with time zone not null,
    version         bigint                   not null,
    constraint uk_container_engine_name unique (engine_name),
    constraint fk_container_project foreign key (project_id) references project (id),
    constraint ck_container_state check (state in ('PROVISIONING', 'RUNNING', 'PAUSED', 'STOPPED', 'EXITED',
                                                   'ERROR', 'DELETING', 'DELETED', 'UNKNOWN'))
);
create index ix_container_project on container (project_id);
create index ix_container_host on container (host_id);
create index ix_container_engine on container (engine_id);
