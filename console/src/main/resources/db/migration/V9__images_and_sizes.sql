-- Instance sizes: admin-defined presets of vCPUs, memory and disk offered when creating a VM.
create table instance_size (
    id         uuid                     not null primary key,
    name       varchar(64)              not null,
    vcpus      integer                  not null,
    memory_mib bigint                   not null,
    disk_gib   integer                  not null,
    created_at timestamp with time zone not null,
    constraint uk_instance_size_name unique (name)
);

-- VM base images an administrator uploaded; the file lives under the console's images directory
-- (uploads/<file_name>), never at a path a user gave. They boot from their disk.
create table vm_image (
    id                 uuid                     not null primary key,
    name               varchar(64)              not null,
    format             varchar(8)               not null,
    file_name          varchar(64)              not null,
    size_bytes         bigint                   not null,
    virtual_size_bytes bigint                   not null,
    boot               varchar(8)               not null,
    created_at         timestamp with time zone not null,
    uploaded_by        varchar(64)              not null,
    constraint uk_vm_image_name unique (name),
    constraint uk_vm_image_file unique (file_name),
    constraint ck_vm_image_format check (format in ('qcow2', 'raw')),
    constraint ck_vm_image_boot check (boot in ('disk'))
);
