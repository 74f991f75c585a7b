-- Caller API keys for the OpenAI-compatible gateway (/v1). Only the SHA-256 hash of a key is kept.
CREATE TABLE muninn_api_keys (
    id           UUID          NOT NULL PRIMARY KEY,
    name         VARCHAR(200)  NOT NULL,
    key_hash     VARCHAR(64)   NOT NULL,
    -- the user whose overrides apply; null makes the key a service token that names the user per request
    user_id      VARCHAR(200),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_muninn_api_keys_hash UNIQUE (key_hash)
);
