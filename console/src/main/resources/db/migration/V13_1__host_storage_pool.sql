-- The storage pool where the console keeps a host's VM disks: chosen when the host is registered (the configured
-- gureum.storage.pool-name and pool-path), made right away, and made again when the host monitor finds it missing.
-- Hosts registered before this change keep the pool the console always used.
alter table host add column storage_pool varchar(64) default 'gureum' not null;
alter table host add column storage_pool_path varchar(512) default '/var/lib/gureum/pools/default' not null;
alter table host add column storage_pool_active boolean default false not null;
-- What the console last did to the pool ("created by the console at ..."), and why it could not be made.
alter table host add column storage_pool_note varchar(1000);
alter table host add column storage_pool_problem varchar(2000);
update host set storage_pool = 'default-pool', storage_pool_path = '/default-pool' where simulated;
