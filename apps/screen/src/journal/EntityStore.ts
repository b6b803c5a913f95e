import { SqlClient, SqlSchema } from "@effect/sql"
import { Effect, Schema } from "effect"
import type { JournalStatement } from "./JournalWriter.js"
import { TakeoverStateSchema } from "./TakeoverStore.js"

const EntityStatusSchema = Schema.Literal("pending", "done", "failed")

export const EntityRow = Schema.Struct({
  key: Schema.String,
  ordinal: Schema.Number,
  adapter_id: Schema.String,
  input_json: Schema.String,
  subject: Schema.String,
  directory: Schema.String,
  warnings_json: Schema.String,
  status: EntityStatusSchema,
  session_id: Schema.NullOr(Schema.String),
  summary_json: Schema.NullOr(Schema.String),
  failure_json: Schema.NullOr(Schema.String)
})
export type EntityRow = typeof EntityRow.Type

/** An entity still to screen, with what this run inherits for it from an earlier run, if anything. */
export const EntityToScreen = Schema.Struct({
  ...EntityRow.fields,
  takeover_state: Schema.NullOr(TakeoverStateSchema),
  takeover_session_id: Schema.NullOr(Schema.String),
  takeover_from: Schema.NullOr(Schema.String)
})
export type EntityToScreen = typeof EntityToScreen.Type

/**
 * An entity an earlier run did not finish that this run plans identically (same key, adapter and
 * input), with what that run had itself inherited for it. The earlier run's steps are core's:
 * a takeover continues that run's execution key through core's port.
 */
export const UnfinishedRow = Schema.Struct({
  key: Schema.String,
  ordinal: Schema.Number,
  status: Schema.Literal("pending", "failed"),
  session_id: Schema.NullOr(Schema.String),
  failure_json: Schema.NullOr(Schema.String),
  updated_at: Schema.String,
  takeover_state: Schema.NullOr(TakeoverStateSchema),
  takeover_session_id: Schema.NullOr(Schema.String),
  takeover_seen_at: Schema.NullOr(Schema.String),
  takeover_from: Schema.NullOr(Schema.String)
})
export type UnfinishedRow = typeof UnfinishedRow.Type

type EntityInsert = {
  readonly run_id: string
  readonly key: string
  readonly ordinal: number
  readonly adapter_id: string
  readonly input_json: string
  readonly subject: string
  readonly directory: string
  readonly warnings_json: string
  readonly updated_at: string
}

const Page = Schema.Struct({ run_id: Schema.String, after: Schema.Number, limit: Schema.Number })

const CountRow = Schema.Struct({ status: EntityStatusSchema, n: Schema.Number })

/** Table `entities`: the plan of a run, one row per distinct entity, and its outcome. */
export const makeEntityStore = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient
  return {
    /** Planned entities, pending. */
    insertMany: (rows: ReadonlyArray<EntityInsert>): ReadonlyArray<JournalStatement> =>
      rows.length === 0
        ? []
        : [sql`INSERT INTO entities ${sql.insert(rows.map((row) => ({ ...row, status: "pending" })))}`],
    deleteOfRun: (runId: string): JournalStatement => sql`DELETE FROM entities WHERE run_id = ${runId}`,
    /** Entities of `run_id` not done, in portfolio order after `after`, with their takeover. */
    notDonePage: SqlSchema.findAll({
      Request: Page,
      Result: EntityToScreen,
      execute: ({ run_id, after, limit }) =>
        sql`SELECT e.key, e.ordinal, e.adapter_id, e.input_json, e.subject, e.directory, e.warnings_json, e.status, e.session_id, e.summary_json, e.failure_json,
              t.state AS takeover_state, t.session_id AS takeover_session_id, t.from_run_id AS takeover_from
            FROM entities e LEFT JOIN takeovers t ON t.run_id = e.run_id AND t.key = e.key
            WHERE e.run_id = ${run_id} AND e.ordinal > ${after} AND e.status != 'done' ORDER BY e.ordinal LIMIT ${limit}`
    }),
    /** See `UnfinishedRow`: entities `from_run_id` did not finish that `run_id` plans identically. */
    unfinishedIn: SqlSchema.findAll({
      Request: Schema.Struct({ from_run_id: Schema.String, ...Page.fields }),
      Result: UnfinishedRow,
      execute: ({ from_run_id, run_id, after, limit }) =>
        sql`SELECT o.key, o.ordinal, o.status, o.session_id, o.failure_json, o.updated_at,
              t.state AS takeover_state, t.session_id AS takeover_session_id, t.seen_at AS takeover_seen_at, t.from_run_id AS takeover_from
            FROM entities o
            JOIN entities n ON n.run_id = ${run_id} AND n.key = o.key AND n.adapter_id = o.adapter_id AND n.input_json = o.input_json
            LEFT JOIN takeovers t ON t.run_id = o.run_id AND t.key = o.key
            WHERE o.run_id = ${from_run_id} AND o.status != 'done' AND o.ordinal > ${after}
            ORDER BY o.ordinal LIMIT ${limit}`
    }),
    countsOfRun: SqlSchema.findAll({
      Request: Schema.String,
      Result: CountRow,
      execute: (runId) =>
        sql`SELECT status, COUNT(*) AS n FROM entities WHERE run_id = ${runId} GROUP BY status`
    }),
    markDone: (r: {
      readonly run_id: string
      readonly key: string
      readonly session_id: string
      readonly summary_json: string
      readonly updated_at: string
    }): JournalStatement =>
      sql`UPDATE entities SET status = 'done', session_id = ${r.session_id}, summary_json = ${r.summary_json}, failure_json = NULL, updated_at = ${r.updated_at} WHERE run_id = ${r.run_id} AND key = ${r.key}`,
    /** Failed; a session id already recorded is kept when none is given. */
    markFailed: (r: {
      readonly run_id: string
      readonly key: string
      readonly session_id: string | null
      readonly failure_json: string
      readonly updated_at: string
    }): JournalStatement =>
      sql`UPDATE entities SET status = 'failed', session_id = COALESCE(${r.session_id}, session_id), failure_json = ${r.failure_json}, updated_at = ${r.updated_at} WHERE run_id = ${r.run_id} AND key = ${r.key}`,
    /** Up to `limit` entities of `run_id` after ordinal `after`, in portfolio order (a page). */
    pageAfter: (runId: string, after: number, limit: number): JournalStatement =>
      sql`SELECT key, ordinal, adapter_id, input_json, subject, directory, warnings_json, status, session_id, summary_json, failure_json FROM entities WHERE run_id = ${runId} AND ordinal > ${after} ORDER BY ordinal LIMIT ${limit}`,
    ofRun: SqlSchema.findAll({
      Request: Schema.String,
      Result: EntityRow,
      execute: (runId) =>
        sql`SELECT key, ordinal, adapter_id, input_json, subject, directory, warnings_json, status, session_id, summary_json, failure_json FROM entities WHERE run_id = ${runId} ORDER BY ordinal`
    })
  }
})
