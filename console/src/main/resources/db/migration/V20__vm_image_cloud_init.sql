-- An administrator marks a VM image as a cloud-init image: VMs made from it get a NoCloud seed with the
-- default user's SSH keys, and their disk is at least min_disk_gib.
alter table vm_image add column cloud_init boolean default false not null;
alter table vm_image add column default_user varchar(32);
alter table vm_image add column min_disk_gib integer;
