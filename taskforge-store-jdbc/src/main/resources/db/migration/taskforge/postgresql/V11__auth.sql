-- Identity and access: tenants (shown to users as projects), users, their memberships with one
-- role per tenant, API keys, refresh tokens, and server secrets such as the token signing key.
--
-- Secrets are never stored in the clear: passwords as BCrypt hashes, API keys and refresh tokens
-- as SHA-256 hashes of their random values (they carry 256 bits of entropy, so a fast hash is as
-- safe as a slow one and costs nothing per request).

CREATE TABLE tf_tenant (
    id                  text        COLLATE "C" PRIMARY KEY,
    name                text        NOT NULL,
    description         text,
    -- Writing scripts and submitting shell tasks is code execution: ADMIN only unless granted.
    operator_code       boolean     NOT NULL DEFAULT false,
    max_waiting         integer,
    max_running         integer,
    max_payload_bytes   integer,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    deleted_at          timestamptz
);

INSERT INTO tf_tenant (id, name, created_at, updated_at) VALUES ('default', 'Default', now(), now());

CREATE TABLE tf_user (
    id                  uuid        PRIMARY KEY,
    name                text        COLLATE "C" NOT NULL,
    display_name        text,
    password_hash       text        NOT NULL,
    superadmin          boolean     NOT NULL DEFAULT false,
    disabled            boolean     NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    password_changed_at timestamptz NOT NULL,
    deleted_at          timestamptz
);

-- A name signs in one undeleted user; deleting the user frees it.
CREATE UNIQUE INDEX tf_user_name_uidx ON tf_user (name) WHERE deleted_at IS NULL;

CREATE TABLE tf_membership (
    tenant_id           text        COLLATE "C" NOT NULL REFERENCES tf_tenant (id),
    user_id             uuid        NOT NULL REFERENCES tf_user (id),
    role                text        NOT NULL,
    created_at          timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id),
    CONSTRAINT tf_membership_role_check CHECK (role IN ('VIEWER', 'OPERATOR', 'ADMIN'))
);

-- A user's tenants, read at every sign-in and cached per request path.
CREATE INDEX tf_membership_user_idx ON tf_membership (user_id);

CREATE TABLE tf_api_key (
    id                  uuid        PRIMARY KEY,
    tenant_id           text        COLLATE "C" NOT NULL REFERENCES tf_tenant (id),
    name                text        NOT NULL,
    -- The first characters of the key, shown in lists so a user can tell keys apart.
    prefix              text        NOT NULL,
    key_hash            text        NOT NULL,
    role                text        NOT NULL,
    created_by          uuid        NOT NULL REFERENCES tf_user (id),
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz,
    last_used_at        timestamptz,
    revoked_at          timestamptz,
    CONSTRAINT tf_api_key_role_check CHECK (role IN ('VIEWER', 'OPERATOR', 'ADMIN'))
);

CREATE UNIQUE INDEX tf_api_key_hash_uidx ON tf_api_key (key_hash);
CREATE INDEX tf_api_key_tenant_idx ON tf_api_key (tenant_id, created_at);

CREATE TABLE tf_refresh_token (
    id                  uuid        PRIMARY KEY,
    user_id             uuid        NOT NULL REFERENCES tf_user (id),
    token_hash          text        NOT NULL,
    created_at          timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    revoked_at          timestamptz
);

CREATE UNIQUE INDEX tf_refresh_token_hash_uidx ON tf_refresh_token (token_hash);
CREATE INDEX tf_refresh_token_user_idx ON tf_refresh_token (user_id);
CREATE INDEX tf_refresh_token_expires_idx ON tf_refresh_token (expires_at);

-- Secrets the servers of one database share, created by the first server that needs them.
CREATE TABLE tf_server_secret (
    name                text        PRIMARY KEY,
    value               text        NOT NULL,
    created_at          timestamptz NOT NULL
);
