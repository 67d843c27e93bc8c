-- API tokens get a scope (read-only or read-write) and may be limited to some of their user's projects (no rows in
-- api_token_project: every project of the user). Audit entries written during a token request name the token.
alter table api_token add column scope varchar(16) default 'READ_WRITE' not null;
alter table api_token add constraint ck_api_token_scope check (scope in ('READ_ONLY', 'READ_WRITE'));

create table api_token_project (
    token_id   bigint not null,
    project_id bigint not null,
    constraint pk_api_token_project primary key (token_id, project_id),
    constraint fk_api_token_project_token foreign key (token_id) references api_token (id) on delete cascade,
    constraint fk_api_token_project_project foreign key (project_id) references project (id) on delete cascade
);
create index ix_api_token_project_project on api_token_project (project_id);

alter table audit_entry add column via_token varchar(64);
