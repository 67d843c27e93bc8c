-- Browser console tokens: single use, 30 s, bound to the user, a hash of the HTTP session id, the console kind and
-- the resource. Only a SHA-256 hash of the token (256 random bits) is kept; redeeming deletes the row, so a token
-- works once even with several console instances on one database.
create table console_token (
    token_hash   varchar(64)              not null primary key,
    user_id      bigint                   not null,
    session_hash varchar(64)              not null,
    kind         varchar(32)              not null,
    resource_id  uuid                     not null,
    expires_at   timestamp with time zone not null,
    constraint fk_console_token_user foreign key (user_id) references user_account (id) on delete cascade
);
create index ix_console_token_user on console_token (user_id, expires_at);
