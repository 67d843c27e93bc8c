-- A console's database at schema 13.1 (main before the workload model), one or more realistic rows in every
-- table: two projects with people and quotas, a real and a simulated host with their storage pools, VMs and
-- containers in several states (with desired state, restart policy, ports, health), tasks with their steps,
-- the audit trail, images and sizes. SchemaUpgradeTest loads it, upgrades to the newest migration and checks
-- that every row is still there with its values. Identity columns are left to the database, as the console does.

insert into user_account (username, display_name, password_hash, enabled, created_at, password_changed_at) values
    ('admin', 'Administrator', '$2a$12$8W0Z4pPZ0jzv8l1b0xGm3O7b8cQ2y8cZbLrN7y1l0p3h9l7k2G5xS', true,
     timestamp with time zone '2026-10-01 08:00:00+00', timestamp with time zone '2026-10-01 08:00:00+00'),
    ('alice', 'Alice Kim', '$2a$12$kQe0R1v3yW2m9Xo8n7b6c.5d4e3f2g1h0i9j8k7l6m5n4o3p2q1rS', true,
     timestamp with time zone '2026-10-02 09:15:00+00', timestamp with time zone '2026-10-20 10:00:00+00'),
    ('bob', 'Bob Lee', '$2a$12$aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1wX2yZ3aB4cD5eF6gH7iJ', true,
     timestamp with time zone '2026-10-02 09:16:00+00', timestamp with time zone '2026-10-02 09:16:00+00'),
    ('carol', 'Carol Park', '$2a$12$zY9xW8vU7tS6rQ5pO4nM3lK2jI1hG0fE9dC8bA7zY6xW5vU4tS3rQ', false,
     timestamp with time zone '2026-10-03 11:00:00+00', timestamp with time zone '2026-10-03 11:00:00+00');

insert into user_role (user_id, role) select id, 'ADMIN' from user_account where username = 'admin';
insert into user_role (user_id, role) select id, 'USER' from user_account;

insert into project (name, archived, created_at) values
    ('web-shop', false, timestamp with time zone '2026-10-04 12:00:00+00'),
    ('old-batch', true, timestamp with time zone '2026-09-30 07:30:00+00');

insert into project_member (project_id, user_id, role)
    select p.id, u.id, 'OWNER' from project p, user_account u where p.name = 'web-shop' and u.username = 'alice';
insert into project_member (project_id, user_id, role)
    select p.id, u.id, 'MEMBER' from project p, user_account u where p.name = 'web-shop' and u.username = 'bob';
insert into project_member (project_id, user_id, role)
    select p.id, u.id, 'VIEWER' from project p, user_account u where p.name = 'web-shop' and u.username = 'carol';
insert into project_member (project_id, user_id, role)
    select p.id, u.id, 'OWNER' from project p, user_account u where p.name = 'old-batch' and u.username = 'bob';

insert into project_quota (project_id, vcpus, memory_mib, disk_gib, vms, containers, container_cpus, container_memory_mib)
    select id, 16, 32768, 500, 10, 20, 8, 16384 from project where name = 'web-shop';
insert into project_quota (project_id, vcpus, memory_mib, disk_gib, vms, containers, container_cpus, container_memory_mib)
    select id, 2, 2048, 20, 1, 2, 1, 1024 from project where name = 'old-batch';

insert into host (id, name, libvirt_uri, container_endpoint, simulated, maintenance, domain_type, domain_type_reason,
                  status, status_message, unreachable_since, last_seen_at, cpus, cpu_model, memory_total_bytes,
                  memory_free_bytes, storage_capacity_bytes, storage_available_bytes, allocated_vcpus,
                  allocated_memory_mib, domains_running, domains_total, libvirt_version, hypervisor_version,
                  engine_product, engine_version, engine_message, created_at, version, unmanaged_vcpus,
                  unmanaged_memory_mib, storage_pool, storage_pool_path, storage_pool_active, storage_pool_note,
                  storage_pool_problem) values
    ('6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7', 'rack1-node1', 'qemu:///system', 'unix:///run/podman/podman.sock', false,
     false, 'QEMU', '/dev/kvm refused nested guests: TCG', 'UP', null, null,
     timestamp with time zone '2026-11-27 23:59:30+00', 2, 'Intel Xeon (Cascadelake)', 8317206528, 5120000000,
     105089261568, 60000000000, 3, 3072, 2, 3, '9.0.0', '7.2.0', 'Podman', '5.4.2', null,
     timestamp with time zone '2026-10-01 08:05:00+00', 412, 1, 512, 'gureum', '/var/lib/gureum/pools/default', true,
     'created by the console at 2026-10-01T08:05:01Z', null),
    ('0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d', 'lab-sim', 'test:///default', null, true, true, 'KVM',
     'simulated host', 'UNREACHABLE', 'libvirt: connection refused',
     timestamp with time zone '2026-11-27 22:00:00+00', timestamp with time zone '2026-11-27 21:59:00+00', 16,
     null, 8589934592, 8000000000, 107374182400, 107374182400, 0, 0, 0, 0, '9.0.0', null, null, null,
     'no container endpoint', timestamp with time zone '2026-10-05 10:00:00+00', 37, 0, 0, 'default-pool',
     '/default-pool', false, null, 'pool default-pool: Storage pool not found');

insert into instance_size (id, name, vcpus, memory_mib, disk_gib, created_at) values
    ('1b2c3d4e-5f60-4a71-8b92-a3b4c5d6e7f8', 'small', 1, 1024, 10, timestamp with time zone '2026-10-01 08:10:00+00'),
    ('2c3d4e5f-6071-4b82-9ca3-b4c5d6e7f809', 'medium', 2, 4096, 40, timestamp with time zone '2026-10-01 08:11:00+00');

insert into vm_image (id, name, format, file_name, size_bytes, virtual_size_bytes, boot, created_at, uploaded_by,
                      source, host_id, host_volume) values
    ('3d4e5f60-7182-4c93-adb4-c5d6e7f8091a', 'debian-12', 'qcow2', '3d4e5f60-7182-4c93-adb4-c5d6e7f8091a.qcow2',
     436207616, 2147483648, 'disk', timestamp with time zone '2026-10-01 08:20:00+00', 'admin', 'upload', null, null),
    ('4e5f6071-8293-4da4-bec5-d6e7f8091a2b', 'alpine-raw', 'raw', 'host-4e5f6071.raw', 268435456, 268435456, 'disk',
     timestamp with time zone '2026-10-06 14:00:00+00', 'admin', 'host-volume', '6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7',
     'alpine-3.20.raw');

insert into virtual_machine (id, name, project_id, owner, host_id, domain_uuid, domain_name, image_id, vcpus,
                             memory_mib, disk_gib, state, desired_state, restart_policy, state_reason, error_message,
                             created_at, updated_at, version)
    select 'a1000000-0000-4000-8000-000000000001', 'web-1', p.id, 'alice', '6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7',
           'd1000000-0000-4000-8000-000000000001', 'gureum-a1000000', '3d4e5f60-7182-4c93-adb4-c5d6e7f8091a', 2,
           2048, 20, 'RUNNING', 'RUNNING', 'ALWAYS', 'booted', null,
           timestamp with time zone '2026-11-01 09:00:00+00', timestamp with time zone '2026-11-27 23:00:00+00', 7
    from project p where p.name = 'web-shop';
insert into virtual_machine (id, name, project_id, owner, host_id, domain_uuid, domain_name, image_id, vcpus,
                             memory_mib, disk_gib, state, desired_state, restart_policy, state_reason, error_message,
                             created_at, updated_at, version)
    select 'a1000000-0000-4000-8000-000000000002', 'db-1', p.id, 'bob', '6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7',
           'd1000000-0000-4000-8000-000000000002', 'gureum-a1000000-2', '4e5f6071-8293-4da4-bec5-d6e7f8091a2b', 1,
           1024, 10, 'STOPPED', 'STOPPED', 'NEVER', 'shut off by the console', null,
           timestamp with time zone '2026-11-02 09:00:00+00', timestamp with time zone '2026-11-20 18:30:00+00', 4
    from project p where p.name = 'web-shop';
insert into virtual_machine (id, name, project_id, owner, host_id, domain_uuid, domain_name, image_id, vcpus,
                             memory_mib, disk_gib, state, desired_state, restart_policy, state_reason, error_message,
                             created_at, updated_at, version)
    select 'a1000000-0000-4000-8000-000000000003', 'broken', p.id, 'alice', null, null, 'gureum-a1000000-3',
           '3d4e5f60-7182-4c93-adb4-c5d6e7f8091a', 8, 16384, 100, 'ERROR', 'RUNNING', 'NEVER', 'placement failed',
           'No host can take it: rack1-node1 has 2 vCPUs free, 8 asked',
           timestamp with time zone '2026-11-03 09:00:00+00', timestamp with time zone '2026-11-03 09:00:05+00', 2
    from project p where p.name = 'web-shop';
insert into virtual_machine (id, name, project_id, owner, host_id, domain_uuid, domain_name, image_id, vcpus,
                             memory_mib, disk_gib, state, desired_state, restart_policy, state_reason, error_message,
                             created_at, updated_at, version)
    select 'a1000000-0000-4000-8000-000000000004', 'batch-old', p.id, 'bob', '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
           'd1000000-0000-4000-8000-000000000004', 'gureum-a1000000-4', '3d4e5f60-7182-4c93-adb4-c5d6e7f8091a', 1,
           512, 5, 'UNKNOWN', 'RUNNING', 'NEVER', 'host unreachable', null,
           timestamp with time zone '2026-10-10 09:00:00+00', timestamp with time zone '2026-11-27 22:00:00+00', 11
    from project p where p.name = 'old-batch';
insert into virtual_machine (id, name, project_id, owner, host_id, domain_uuid, domain_name, image_id, vcpus,
                             memory_mib, disk_gib, state, desired_state, restart_policy, state_reason, error_message,
                             created_at, updated_at, version)
    select 'a1000000-0000-4000-8000-000000000005', 'gone', p.id, 'alice', '6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7',
           'd1000000-0000-4000-8000-000000000005', 'gureum-a1000000-5', '3d4e5f60-7182-4c93-adb4-c5d6e7f8091a', 1,
           1024, 10, 'DELETED', 'STOPPED', 'NEVER', 'deleted by alice', null,
           timestamp with time zone '2026-10-15 09:00:00+00', timestamp with time zone '2026-10-16 09:00:00+00', 5
    from project p where p.name = 'web-shop';

insert into container (id, name, project_id, owner, host_id, engine_id, engine_name, image, command, millicpus,
                       memory_mib, restart_policy, container_port, host_port, state, state_reason, error_message,
                       health, created_at, updated_at, version, desired_state)
    select 'c1000000-0000-4000-8000-000000000001', 'nginx', p.id, 'alice', '6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7',
           'f0e1d2c3b4a5968778695a4b3c2d1e0f0e1d2c3b4a5968778695a4b3c2d1e0f', 'gureum-c1000000',
           'docker.io/library/nginx:1.27', null, 500, 256, 'always', 80, 32768, 'RUNNING', 'started', null,
           'healthy', timestamp with time zone '2026-11-05 10:00:00+00',
           timestamp with time zone '2026-11-27 23:58:00+00', 9, 'RUNNING'
    from project p where p.name = 'web-shop';
insert into container (id, name, project_id, owner, host_id, engine_id, engine_name, image, command, millicpus,
                       memory_mib, restart_policy, container_port, host_port, state, state_reason, error_message,
                       health, created_at, updated_at, version, desired_state)
    select 'c1000000-0000-4000-8000-000000000002', 'worker', p.id, 'bob', '6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7',
           '0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9', 'gureum-c1000000-2',
           'localhost/gureum-test/busybox:latest', 'sh -c ''sleep 3600''', 250, 64, 'no', null, null, 'EXITED',
           'exited with code 137', null, 'unhealthy', timestamp with time zone '2026-11-06 10:00:00+00',
           timestamp with time zone '2026-11-26 04:00:00+00', 6, 'STOPPED'
    from project p where p.name = 'web-shop';
insert into container (id, name, project_id, owner, host_id, engine_id, engine_name, image, command, millicpus,
                       memory_mib, restart_policy, container_port, host_port, state, state_reason, error_message,
                       health, created_at, updated_at, version, desired_state)
    select 'c1000000-0000-4000-8000-000000000003', 'pull-fails', p.id, 'alice', null, null, 'gureum-c1000000-3',
           'registry.invalid/app:1', null, 1000, 512, 'on-failure', 8080, null, 'ERROR', 'image pull failed',
           'registry.invalid: no such host', null, timestamp with time zone '2026-11-07 10:00:00+00',
           timestamp with time zone '2026-11-07 10:00:09+00', 2, 'RUNNING'
    from project p where p.name = 'web-shop';
insert into container (id, name, project_id, owner, host_id, engine_id, engine_name, image, command, millicpus,
                       memory_mib, restart_policy, container_port, host_port, state, state_reason, error_message,
                       health, created_at, updated_at, version, desired_state)
    select 'c1000000-0000-4000-8000-000000000004', 'cron', p.id, 'bob', '6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7',
           '1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a', 'gureum-c1000000-4',
           'localhost/gureum-test/busybox:latest', null, 100, 32, 'always', null, null, 'PAUSED', 'paused by bob', null,
           null, timestamp with time zone '2026-10-11 10:00:00+00', timestamp with time zone '2026-11-01 10:00:00+00',
           3, 'RUNNING'
    from project p where p.name = 'old-batch';

insert into task (id, action, target_type, target_id, target_name, project_id, actor, state, progress, message,
                  created_at, started_at, finished_at)
    select '71000000-0000-4000-8000-000000000001', 'vm.create', 'vm', 'a1000000-0000-4000-8000-000000000001', 'web-1',
           p.id, 'alice', 'SUCCEEDED', 100, null, timestamp with time zone '2026-11-01 09:00:00+00',
           timestamp with time zone '2026-11-01 09:00:01+00', timestamp with time zone '2026-11-01 09:00:40+00'
    from project p where p.name = 'web-shop';
insert into task (id, action, target_type, target_id, target_name, project_id, actor, state, progress, message,
                  created_at, started_at, finished_at)
    select '71000000-0000-4000-8000-000000000002', 'vm.create', 'vm', 'a1000000-0000-4000-8000-000000000003',
           'broken', p.id, 'alice', 'FAILED', 10, 'No host can take it: rack1-node1 has 2 vCPUs free, 8 asked',
           timestamp with time zone '2026-11-03 09:00:00+00', timestamp with time zone '2026-11-03 09:00:01+00',
           timestamp with time zone '2026-11-03 09:00:05+00'
    from project p where p.name = 'web-shop';
insert into task (id, action, target_type, target_id, target_name, project_id, actor, state, progress, message,
                  created_at, started_at, finished_at)
    select '71000000-0000-4000-8000-000000000003', 'container.create', 'container',
           'c1000000-0000-4000-8000-000000000001', 'nginx', p.id, 'alice', 'SUCCEEDED', 100, null,
           timestamp with time zone '2026-11-05 10:00:00+00', timestamp with time zone '2026-11-05 10:00:00+00',
           timestamp with time zone '2026-11-05 10:00:12+00'
    from project p where p.name = 'web-shop';
insert into task (id, action, target_type, target_id, target_name, project_id, actor, state, progress, message,
                  created_at, started_at, finished_at) values
    ('71000000-0000-4000-8000-000000000004', 'container.stop', 'container', 'c1000000-0000-4000-8000-000000000004',
     'cron', null, 'system', 'QUEUED', 0, null, timestamp with time zone '2026-11-27 23:59:59+00', null, null),
    ('71000000-0000-4000-8000-000000000005', 'host.register', 'host', '6f1c2a3b-4d5e-4f60-8a71-92b3c4d5e6f7',
     'rack1-node1', null, 'admin', 'RUNNING', 50, null, timestamp with time zone '2026-10-01 08:05:00+00',
     timestamp with time zone '2026-10-01 08:05:00+00', null);

insert into task_step (task_id, position, description, state, started_at, finished_at) values
    ('71000000-0000-4000-8000-000000000001', 0, 'Place on a host', 'DONE',
     timestamp with time zone '2026-11-01 09:00:01+00', timestamp with time zone '2026-11-01 09:00:02+00'),
    ('71000000-0000-4000-8000-000000000001', 1, 'Make the disk from debian-12', 'DONE',
     timestamp with time zone '2026-11-01 09:00:02+00', timestamp with time zone '2026-11-01 09:00:20+00'),
    ('71000000-0000-4000-8000-000000000001', 2, 'Define and start', 'DONE',
     timestamp with time zone '2026-11-01 09:00:20+00', timestamp with time zone '2026-11-01 09:00:40+00'),
    ('71000000-0000-4000-8000-000000000002', 0, 'Place on a host', 'FAILED',
     timestamp with time zone '2026-11-03 09:00:01+00', timestamp with time zone '2026-11-03 09:00:05+00'),
    ('71000000-0000-4000-8000-000000000003', 0, 'Pull docker.io/library/nginx:1.27', 'DONE',
     timestamp with time zone '2026-11-05 10:00:00+00', timestamp with time zone '2026-11-05 10:00:10+00'),
    ('71000000-0000-4000-8000-000000000003', 1, 'Create and start', 'DONE',
     timestamp with time zone '2026-11-05 10:00:10+00', timestamp with time zone '2026-11-05 10:00:12+00'),
    ('71000000-0000-4000-8000-000000000005', 0, 'Connect to qemu:///system', 'RUNNING',
     timestamp with time zone '2026-10-01 08:05:00+00', null);

insert into audit_entry (occurred_at, actor, project_id, target, action, outcome, detail) values
    (timestamp with time zone '2026-10-01 08:00:00+00', 'admin', null, 'user admin', 'login', 'SUCCESS', ''),
    (timestamp with time zone '2026-10-02 09:00:00+00', 'mallory', null, 'user mallory', 'login', 'FAILURE',
     'bad credentials');
insert into audit_entry (occurred_at, actor, project_id, target, action, outcome, detail)
    select timestamp with time zone '2026-11-01 09:00:40+00', 'alice', id, 'vm web-1', 'vm.create', 'SUCCESS',
           '2 vCPU, 2048 MiB, 20 GiB from debian-12 on rack1-node1' from project where name = 'web-shop';
insert into audit_entry (occurred_at, actor, project_id, target, action, outcome, detail)
    select timestamp with time zone '2026-11-04 09:00:00+00', 'carol', id, 'vm web-1', 'vm.stop', 'REFUSED',
           'a viewer may not stop a VM' from project where name = 'web-shop';
insert into audit_entry (occurred_at, actor, project_id, target, action, outcome, detail)
    select timestamp with time zone '2026-11-26 04:00:05+00', 'system', id, 'container nginx', 'container.restart-by-policy',
           'FAILURE', 'restart policy always: the engine did not answer' from project where name = 'web-shop';

update health_probe set checked_at = timestamp with time zone '2026-11-27 23:59:55+00' where id = 1;
