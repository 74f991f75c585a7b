-- Ordered fallbacks per route: a JSON array of {"providerId": ..., "modelId": ...}, tried in
-- order when the primary fails with a retryable error before any byte reached the caller.
ALTER TABLE llm_global_config ADD COLUMN fallbacks VARCHAR DEFAULT '[]' NOT NULL;
ALTER TABLE llm_user_config ADD COLUMN fallbacks VARCHAR DEFAULT '[]' NOT NULL;
