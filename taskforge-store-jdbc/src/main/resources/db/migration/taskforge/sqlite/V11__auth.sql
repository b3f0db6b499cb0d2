-- Identity and access: tenants (shown to users as projects), users, their memberships with one
-- role per tenant, API keys, refresh tokens, and server secrets such as the token signing key.
-- Instants are epoch milliseconds, as everywhere in the SQLite schema.
--
-- Secrets are never stored in the clear: passwords as BCrypt hashes, API keys and refresh tokens
-- as SHA-256 hashes of their random values (they carry 256 bits of entropy, so a fast hash is as
-- safe as a slow one and costs nothing per request).

CREATE TABLE tf_tenant (
    id                  TEXT        PRIMARY KEY,
    name                TEXT        NOT NULL,
    description         TEXT,
    -- Writing scripts and submitting shell tasks is code execution: ADMIN only unless granted.
    operator_code       INTEGER     NOT NULL DEFAULT 0,
    max_waiting         INTEGER,
    max_running         INTEGER,
    max_payload_bytes   INTEGER,
    created_at          INTEGER     NOT NULL,
    updated_at          INTEGER     NOT NULL,
    deleted_at          INTEGER
) STRICT;

INSERT INTO tf_tenant (id, name, created_at, updated_at) VALUES ('default', 'Default',
    CAST(strftime('%s', 'now') AS INTEGER) * 1000, CAST(strftime('%s', 'now') AS INTEGER) * 1000);

CREATE TABLE tf_user (
    id                  TEXT        PRIMARY KEY,
    name                TEXT        NOT NULL,
    display_name        TEXT,
    password_hash       TEXT        NOT NULL,
    superadmin          INTEGER     NOT NULL DEFAULT 0,
    disabled            INTEGER     NOT NULL DEFAULT 0,
    created_at          INTEGER     NOT NULL,
    updated_at          INTEGER     NOT NULL,
    password_changed_at INTEGER     NOT NULL,
    deleted_at          INTEGER
) STRICT;

-- A name signs in one undeleted user; deleting the user frees it.
CREATE UNIQUE INDEX tf_user_name_uidx ON tf_user (name) WHERE deleted_at IS NULL;

CREATE TABLE tf_membership (
    tenant_id           TEXT        NOT NULL REFERENCES tf_tenant (id),
    user_id             TEXT        NOT NULL REFERENCES tf_user (id),
    role                TEXT        NOT NULL,
    created_at          INTEGER     NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    CONSTRAINT tf_membership_role_check CHECK (role IN ('VIEWER', 'OPERATOR', 'ADMIN'))
) STRICT;

-- A user's tenants, read at every sign-in and cached per request path.
CREATE INDEX tf_membership_user_idx ON tf_membership (user_id);

CREATE TABLE tf_api_key (
    id                  TEXT        PRIMARY KEY,
    tenant_id           TEXT        NOT NULL REFERENCES tf_tenant (id),
    name                TEXT        NOT NULL,
    -- The first characters of the key, shown in lists so a user can tell keys apart.
    prefix              TEXT        NOT NULL,
    key_hash            TEXT        NOT NULL,
    role                TEXT        NOT NULL,
    created_by          TEXT        NOT NULL REFERENCES tf_user (id),
    created_at          INTEGER     NOT NULL,
    expires_at          INTEGER    ,
    last_used_at        INTEGER    ,
    revoked_at          INTEGER    ,
    CONSTRAINT tf_api_key_role_check CHECK (role IN ('VIEWER', 'OPERATOR', 'ADMIN'))
) STRICT;

CREATE UNIQUE INDEX tf_api_key_hash_uidx ON tf_api_key (key_hash);
CREATE INDEX tf_api_key_tenant_idx ON tf_api_key (tenant_id, created_at);

CREATE TABLE tf_refresh_token (
    id                  TEXT        PRIMARY KEY,
    user_id             TEXT        NOT NULL REFERENCES tf_user (id),
    token_hash          TEXT        NOT NULL,
    created_at          INTEGER     NOT NULL,
    expires_at          INTEGER     NOT NULL,
    revoked_at          INTEGER
) STRICT;

CREATE UNIQUE INDEX tf_refresh_token_hash_uidx ON tf_refresh_token (token_hash);
CREATE INDEX tf_refresh_token_user_idx ON tf_refresh_token (user_id);
CREATE INDEX tf_refresh_token_expires_idx ON tf_refresh_token (expires_at);

-- Secrets the servers of one database share, created by the first server that needs them.
CREATE TABLE tf_server_secret (
    name                TEXT        PRIMARY KEY,
    value               TEXT        NOT NULL,
    created_at          INTEGER     NOT NULL
) STRICT;
