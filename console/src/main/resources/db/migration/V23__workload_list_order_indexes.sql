-- The workload lists (grid and API) page newest first: with an index in that order the database reads only up to
-- offset + limit rows of it instead of sorting every row for every page (measured in docs/performance.md, "API").
create index ix_vm_created on virtual_machine (created_at desc, id);
create index ix_container_created on container (created_at desc, id);
