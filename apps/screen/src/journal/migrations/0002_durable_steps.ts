import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

/**
 * Migration 0002: the step records move to core's step table, `durable_steps`, keyed by the
 * execution key `<run id>:<entity key>` the runner has always given the lifecycle. Core's own
 * migrator creates the same table (`IF NOT EXISTS`); whichever runs first creates it. A record
 * already there for the same key and step is kept (none can exist: the old release wrote only
 * `steps`). Then `steps` goes: no code outside core's interpreter reads step records.
 */
export const durableSteps = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  yield* sql`CREATE TABLE IF NOT EXISTS durable_steps (
    execution_key TEXT NOT NULL,
    step TEXT NOT NULL,
    state TEXT NOT NULL,
    value_json TEXT,
    attempted_at TEXT NOT NULL,
    done_at TEXT,
    PRIMARY KEY (execution_key, step)
  )`
  yield* sql`INSERT INTO durable_steps (execution_key, step, state, value_json, attempted_at, done_at)
    SELECT run_id || ':' || key, step, state, value_json, attempted_at, done_at FROM steps WHERE true
    ON CONFLICT (execution_key, step) DO NOTHING`
  yield* sql`DROP TABLE steps`
})
