import { Effect, Schema } from "effect"
import { UsageError } from "../execute/requestOptions.js"
import type { RunRow } from "../journal/Journal.js"
import { StoredPlanOptions } from "../journal/records.js"

/** The plan options a run of the journal was started with. */
export const decodePlan = (run: RunRow) =>
  Effect.mapError(
    Schema.decodeUnknown(StoredPlanOptions)(run.options_json),
    () => new UsageError({ message: `run ${run.run_id} in the journal has unreadable options; use --fresh` })
  )
