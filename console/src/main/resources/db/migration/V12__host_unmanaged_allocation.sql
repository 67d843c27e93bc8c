-- What the running domains WITHOUT the console's metadata (made by hand) use on a host, as it last reported.
-- Placement adds the console's own VMs on the host from the database, which is never stale.
alter table host add column unmanaged_vcpus integer default 0 not null;
alter table host add column unmanaged_memory_mib bigint default 0 not null;
