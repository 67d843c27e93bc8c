-- A VM base image can also be a volume that is on one host already (imported by an administrator):
-- VMs made from it are placed on that host only.
alter table vm_image add column source varchar(16) default 'upload' not null;
alter table vm_image add column host_id uuid;
alter table vm_image add column host_volume varchar(255);
alter table vm_image add constraint ck_vm_image_source check (source in ('upload', 'host-volume'));
