-- Start-up seeding happens once per database: after that, what an admin deleted stays deleted.
-- The seed command and POST /api/v1/llm/seed still add what is missing whenever asked.
CREATE TABLE muninn_seed_runs (
    id        INTEGER NOT NULL PRIMARY KEY,
    seeded_at TIMESTAMP WITH TIME ZONE NOT NULL
);
