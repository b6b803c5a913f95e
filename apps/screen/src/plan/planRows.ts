import { Stream } from "effect"
import type { SourceRow } from "../ingest/readPortfolio.js"
import type { PlanEvent, Planner } from "./Planner.js"

/** Runs every row of a portfolio stream through the planner, batch by batch. */
export const planRows =
  (planner: Planner) =>
  <E, R>(
    rows: Stream.Stream<ReadonlyArray<SourceRow>, E, R>
  ): Stream.Stream<ReadonlyArray<PlanEvent>, E, R> =>
    Stream.map(rows, (batch) => batch.map(planner.plan))
