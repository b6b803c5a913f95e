import { Migrator } from "@effect/sql"
import { initial } from "./migrations/0001_initial.js"
import { durableSteps } from "./migrations/0002_durable_steps.js"

/**
 * Table of the migrations applied to a journal. Core's step interpreter tracks its own in
 * `nordscreen_step_migrations`; the two sets are independent.
 */
export const JOURNAL_MIGRATIONS_TABLE = "journal_migrations"

/** The journal's migrations, in order. Never edit one that has shipped: add the next. */
const journalMigrations = Migrator.fromRecord({
  "0001_initial": initial,
  "0002_durable_steps": durableSteps
})

/**
 * Brings a journal to the current schema in one transaction, on the generic `SqlClient` (the
 * same code runs on PostgreSQL). Returns the migrations applied now (none for a current journal).
 */
export const migrateJournal = Migrator.make({})({
  loader: journalMigrations,
  table: JOURNAL_MIGRATIONS_TABLE
})
