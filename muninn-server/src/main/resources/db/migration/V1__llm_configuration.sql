-- Muninn's configuration store. Portable SQL: the same script runs on H2 (2.x) and PostgreSQL.
-- JSON documents are kept as text (VARCHAR without length) and validated by the application.

CREATE TABLE llm_providers (
    id                      UUID            NOT NULL PRIMARY KEY,
    name                    VARCHAR(200)    NOT NULL,
    -- lower-cased name, so uniqueness is case-insensitive on both databases
    name_normalized         VARCHAR(200)    NOT NULL,
    provider_type           VARCHAR(32)     NOT NULL,
    api_format              VARCHAR(32)     NOT NULL,
    base_url                VARCHAR(2000)   NOT NULL,
    api_prefix              VARCHAR(200)    NOT NULL,
    headers                 VARCHAR         NOT NULL,
    -- a secret reference (enc:..., env:NAME), never the key itself
    api_key_ref             VARCHAR(4000),
    enabled                 BOOLEAN         NOT NULL,
    validated_at            TIMESTAMP WITH TIME ZONE,
    validation_error        VARCHAR(2000),
    llm_options_defaults    VARCHAR         NOT NULL,
    message_overhead_tokens INTEGER         NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 BIGINT          NOT NULL,
    CONSTRAINT uq_llm_providers_name UNIQUE (name_normalized),
    CONSTRAINT ck_llm_providers_overhead CHECK (message_overhead_tokens >= 0)
);

CREATE TABLE llm_provider_models (
    id                                   UUID          NOT NULL PRIMARY KEY,
    provider_id                          UUID          NOT NULL,
    model                                VARCHAR(300)  NOT NULL,
    name                                 VARCHAR(300)  NOT NULL,
    model_key                            VARCHAR(200),
    enabled                              BOOLEAN       NOT NULL,
    source                               VARCHAR(16)   NOT NULL,
    supports_tool_calling                BOOLEAN       NOT NULL,
    supports_embeddings                  BOOLEAN       NOT NULL,
    supports_streaming                   BOOLEAN       NOT NULL,
    supports_response_format_json_object BOOLEAN       NOT NULL,
    supports_response_format_json_schema BOOLEAN       NOT NULL,
    supports_parallel_tool_calls         BOOLEAN       NOT NULL,
    supports_vision                      BOOLEAN       NOT NULL,
    context_window_tokens                INTEGER       NOT NULL,
    max_output_tokens                    INTEGER,
    message_overhead_tokens              INTEGER,
    input_cost_per_million               NUMERIC(14, 6),
    output_cost_per_million              NUMERIC(14, 6),
    connection_tested_at                 TIMESTAMP WITH TIME ZONE,
    comment                              VARCHAR(4000),
    discovered_at                        TIMESTAMP WITH TIME ZONE,
    -- JSON array of the fields a person edited: discovery never overwrites them
    edited_fields                        VARCHAR       NOT NULL,
    created_at                           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                           TIMESTAMP WITH TIME ZONE NOT NULL,
    version                              BIGINT        NOT NULL,
    CONSTRAINT fk_models_provider FOREIGN KEY (provider_id) REFERENCES llm_providers (id) ON DELETE CASCADE,
    CONSTRAINT uq_models_provider_model UNIQUE (provider_id, model),
    CONSTRAINT uq_models_key UNIQUE (model_key),
    CONSTRAINT ck_models_context CHECK (context_window_tokens >= 0),
    CONSTRAINT ck_models_max_output CHECK (max_output_tokens IS NULL OR max_output_tokens >= 0),
    CONSTRAINT ck_models_overhead CHECK (message_overhead_tokens IS NULL OR message_overhead_tokens >= 0)
);

CREATE TABLE llm_presets (
    id                    UUID          NOT NULL PRIMARY KEY,
    model_id              UUID          NOT NULL,
    preset_key            VARCHAR(200),
    llm_options_overrides VARCHAR       NOT NULL,
    comment               VARCHAR(4000),
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    version               BIGINT        NOT NULL,
    CONSTRAINT fk_presets_model FOREIGN KEY (model_id) REFERENCES llm_provider_models (id) ON DELETE CASCADE,
    CONSTRAINT uq_presets_model_key UNIQUE (model_id, preset_key)
);

CREATE TABLE llm_interaction_types (
    name        VARCHAR(64)   NOT NULL PRIMARY KEY,
    kind        VARCHAR(16)   NOT NULL,
    built_in    BOOLEAN       NOT NULL,
    description VARCHAR(1000),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT ck_interaction_kind CHECK (kind IN ('chat', 'embeddings'))
);

INSERT INTO llm_interaction_types (name, kind, built_in, description, created_at) VALUES
    ('reasoning',  'chat',       TRUE, 'Main supervisor thinking and decision making', CURRENT_TIMESTAMP),
    ('tools',      'chat',       TRUE, 'Tool calling and result parsing',              CURRENT_TIMESTAMP),
    ('subagents',  'chat',       TRUE, 'Specialized agent tasks',                      CURRENT_TIMESTAMP),
    ('planning',   'chat',       TRUE, 'TODO generation and planning',                 CURRENT_TIMESTAMP),
    ('embeddings', 'embeddings', TRUE, 'Vector embeddings for RAG',                    CURRENT_TIMESTAMP);

-- Routes reference rows without cascading: deleting what a route uses is refused (409).
CREATE TABLE llm_global_config (
    interaction_type VARCHAR(64)   NOT NULL PRIMARY KEY,
    provider_id      UUID          NOT NULL,
    model_id         UUID          NOT NULL,
    preset_id        UUID,
    temperature      DOUBLE PRECISION,
    max_tokens       INTEGER,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by       VARCHAR(200),
    version          BIGINT        NOT NULL,
    CONSTRAINT fk_global_type FOREIGN KEY (interaction_type) REFERENCES llm_interaction_types (name),
    CONSTRAINT fk_global_provider FOREIGN KEY (provider_id) REFERENCES llm_providers (id),
    CONSTRAINT fk_global_model FOREIGN KEY (model_id) REFERENCES llm_provider_models (id),
    CONSTRAINT fk_global_preset FOREIGN KEY (preset_id) REFERENCES llm_presets (id),
    CONSTRAINT ck_global_temperature CHECK (temperature IS NULL OR (temperature >= 0 AND temperature <= 2)),
    CONSTRAINT ck_global_max_tokens CHECK (max_tokens IS NULL OR max_tokens > 0)
);

CREATE TABLE llm_user_config (
    id               UUID          NOT NULL PRIMARY KEY,
    user_id          VARCHAR(200)  NOT NULL,
    interaction_type VARCHAR(64)   NOT NULL,
    provider_id      UUID          NOT NULL,
    model_id         UUID          NOT NULL,
    preset_id        UUID,
    temperature      DOUBLE PRECISION,
    max_tokens       INTEGER,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by       VARCHAR(200),
    version          BIGINT        NOT NULL,
    CONSTRAINT uq_user_config UNIQUE (user_id, interaction_type),
    CONSTRAINT fk_user_type FOREIGN KEY (interaction_type) REFERENCES llm_interaction_types (name),
    CONSTRAINT fk_user_provider FOREIGN KEY (provider_id) REFERENCES llm_providers (id),
    CONSTRAINT fk_user_model FOREIGN KEY (model_id) REFERENCES llm_provider_models (id),
    CONSTRAINT fk_user_preset FOREIGN KEY (preset_id) REFERENCES llm_presets (id),
    CONSTRAINT ck_user_temperature CHECK (temperature IS NULL OR (temperature >= 0 AND temperature <= 2)),
    CONSTRAINT ck_user_max_tokens CHECK (max_tokens IS NULL OR max_tokens > 0)
);

CREATE TABLE muninn_admin_tokens (
    id          UUID          NOT NULL PRIMARY KEY,
    token_hash  VARCHAR(128)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_admin_token_hash UNIQUE (token_hash)
);

-- Bumped on every configuration change; replicas compare it to know when to reload.
CREATE TABLE muninn_config_version (
    id      INTEGER NOT NULL PRIMARY KEY,
    version BIGINT  NOT NULL
);
INSERT INTO muninn_config_version (id, version) VALUES (1, 0);
