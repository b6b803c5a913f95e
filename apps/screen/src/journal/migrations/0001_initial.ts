import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

/**
 * Migration 0001: the tables of the run journal as the release before versioned migrations
 * created them, verbatim and `IF NOT EXISTS`, so a journal of that release (which has no
 * migrations table) is recognised and a new one starts from the same schema.
 *
 * Tables of the run journal. Keys are keyed hashes of the adapters' entity keys (core
 * `hashKey` with the workspace secret); `entities.input_json` holds the validated adapter input,
 * which for persons contains the national identity number — acceptable only because the
 * workspace directory is owner-only (0700) and the database file 0600.
 */
const INITIAL_SCHEMA: ReadonlyArray<string> = [
  `CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    input_path TEXT NOT NULL,
    input_sha256 TEXT NOT NULL,
    options_json TEXT NOT NULL,
    status TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    out_dir TEXT NOT NULL,
    environment TEXT NOT NULL,
    simulated INTEGER NOT NULL,
    source_json TEXT,
    counts_json TEXT
  )`,
  `CREATE INDEX IF NOT EXISTS runs_input ON runs (input_sha256, status)`,
  `CREATE TABLE IF NOT EXISTS entities (
    run_id TEXT NOT NULL,
    key TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    adapter_id TEXT NOT NULL,
    input_json TEXT NOT NULL,
    subject TEXT NOT NULL,
    directory TEXT NOT NULL,
    warnings_json TEXT NOT NULL,
    status TEXT NOT NULL,
    session_id TEXT,
    summary_json TEXT,
    failure_json TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
  )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS entities_ordinal ON entities (run_id, ordinal)`,
  `CREATE TABLE IF NOT EXISTS entity_rows (
    run_id TEXT NOT NULL,
    row_number INTEGER NOT NULL,
    key TEXT NOT NULL,
    reference TEXT,
    PRIMARY KEY (run_id, row_number)
  )`,
  `CREATE INDEX IF NOT EXISTS entity_rows_key ON entity_rows (run_id, key)`,
  `CREATE TABLE IF NOT EXISTS rejected (
    run_id TEXT NOT NULL,
    row_number INTEGER NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (run_id, row_number)
  )`,
  `CREATE TABLE IF NOT EXISTS steps (
    run_id TEXT NOT NULL,
    key TEXT NOT NULL,
    step TEXT NOT NULL,
    state TEXT NOT NULL,
    value_json TEXT,
    attempted_at TEXT NOT NULL,
    done_at TEXT,
    PRIMARY KEY (run_id, key, step)
  )`,
  `CREATE TABLE IF NOT EXISTS artifacts (
    run_id TEXT NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    written_at TEXT NOT NULL,
    PRIMARY KEY (run_id, key, kind)
  )`,
  // Sessions (or unknown creates) of an earlier run of the same input that this run inherits
  // instead of paying for them again: `follow` a session, `gone` (it turned out expired or
  // unknown, so a new one was created), `unknown` (an unanswered create: not sent again unless
  // --retry-unknown). `seen_at`: the last time the session was known to exist (or the time the
  // unanswered create was sent), which bounds its two-hour result lifetime.
  `CREATE TABLE IF NOT EXISTS takeovers (
    run_id TEXT NOT NULL,
    key TEXT NOT NULL,
    from_run_id TEXT NOT NULL,
    session_id TEXT,
    state TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (run_id, key)
  )`
]

export const initial = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  for (const ddl of INITIAL_SCHEMA) yield* sql.unsafe(ddl)
})
