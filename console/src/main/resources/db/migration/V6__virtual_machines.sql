-- Virtual machines the console manages. state is what the console last observed (or is doing);
-- resources counted against the quota are every VM not in ERROR or DELETED.
create table virtual_machine (
    id             uuid                     not null primary key,
    name           varchar(63)              not null,
    project_id     bigint                   not null,
    owner          varchar(64)              not null,
    host_id        uuid,
    domain_uuid    uuid,
    domain_name    varchar(63)              not null,
    image_id       varchar(64)              not null,
    vcpus          integer                  not null,
    memory_mib     bigint                   not null,
    disk_gib       integer                  not null,
    state          varchar(16)              not null,
    desired_state  varchar(16)              not null,
    restart_policy varchar(16)              not null,
    state_reason   varchar(255),
    error_message  varchar(4000),
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    version        bigint                   not null,
    constraint uk_vm_domain_name unique (domain_name),
    constraint fk_vm_project foreign key (project_id) references project (id),
    constraint ck_vm_desired_state check (desired_state in ('RUNNING', 'STOPPED')),
    constraint ck_vm_restart_policy check (restart_policy in ('NEVER', 'ALWAYS')),
    constraint ck_vm_state check (state in ('PROVISIONING', 'RUNNING', 'PAUSED', 'STOPPED', 'CRASHED',
                                            'ERROR', 'DELETING', 'DELETED', 'UNKNOWN'))
);
create index ix_vm_project on virtual_machine (project_id);
create index ix_vm_host on virtual_machine (host_id);
create index ix_vm_domain on virtual_machine (domain_uuid);
