import { type Adapter, HashKey } from "@nordscreen/core"
import { Effect } from "effect"
import type { PortfolioFileError } from "../ingest/PortfolioFileError.js"
import { missingColumnMessage } from "../ingest/HeaderMap.js"
import type { Portfolio } from "../ingest/readPortfolio.js"
import type { SourceInfo } from "../ingest/SheetRow.js"
import type { JournalFailed } from "../journal/JournalFailed.js"
import type { JournalShape, PlanBatch, PlannedEntityRow } from "../journal/Journal.js"
import type { RunPlanOptions } from "../journal/records.js"
import { makePlanner, type PlanCounts } from "./Planner.js"
import { entityDirName } from "./entityDirName.js"

export interface PlanArgs {
  readonly runId: string
  /** Opened by the caller, before the run was recorded: a file refused at opening leaves no run. */
  readonly portfolio: Portfolio
  readonly options: RunPlanOptions
  readonly adapters: ReadonlyArray<Adapter.AnyAdapter>
  readonly keySecret: string
  readonly journal: JournalShape
}

export interface PlanOutcome {
  readonly source: SourceInfo
  readonly counts: PlanCounts
}

/**
 * Reads, validates and de-duplicates the portfolio into the journal, one transaction per batch
 * of rows. No API call depends on a plan until it is complete, so an interrupted plan is simply
 * dropped and made again. With `limit`, reading stops after the limit-th entity.
 */
export const planIntoJournal = (
  args: PlanArgs
): Effect.Effect<PlanOutcome, PortfolioFileError | JournalFailed> =>
  Effect.gen(function* () {
    const { options, journal, runId } = args
    yield* journal.clearPlan(runId)
    const portfolio = args.portfolio
    const planner = makePlanner({
      adapters: args.adapters,
      mode: options.mode,
      revealIds: options.revealIds,
      // Sized once from the file, as validate does: no doubling garbage on a large portfolio.
      expectedEntities: Math.min(portfolio.estimatedRows ?? 0, options.limit ?? Number.POSITIVE_INFINITY),
      describeMissingColumn: (field) => missingColumnMessage(field, portfolio.header, portfolio.mapping)
    })
    const keyOfFirstRow = new Map<number, string>()
    const taken = new Set<string>()
    const limit = options.limit ?? Number.POSITIVE_INFINITY
    let entities = 0
    let full = false

    const planBatch = (batch: ReadonlyArray<Parameters<typeof planner.plan>[0]>): PlanBatch => {
      const out = {
        entities: [] as Array<PlannedEntityRow>,
        rows: [] as PlanBatch["rows"][number][],
        rejected: [] as PlanBatch["rejected"][number][]
      }
      for (const source of batch) {
        if (full) break
        const event = planner.plan(source)
        if (event._tag === "Rejected") {
          out.rejected.push({ rowNumber: event.rejected.rowNumber, json: JSON.stringify(event.rejected) })
        } else if (event._tag === "Duplicate") {
          const key = keyOfFirstRow.get(event.firstRowNumber)
          if (key !== undefined)
            out.rows.push({ rowNumber: event.rowNumber, key, reference: event.reference })
        } else {
          const key = HashKey.hashKey(event.entityKey, args.keySecret)
          keyOfFirstRow.set(event.rowNumber, key)
          out.entities.push({
            key,
            ordinal: ++entities,
            adapterId: event.adapter.id,
            inputJson: JSON.stringify(event.input),
            subject: event.subject,
            directory: `entities/${entityDirName(event.reference, key, taken)}`,
            warningsJson: JSON.stringify(event.warnings.map((w) => ({ code: w.code, message: w.message })))
          })
          out.rows.push({ rowNumber: event.rowNumber, key, reference: event.reference })
          if (entities >= limit) full = true
        }
      }
      return out
    }

    // A pull loop, not a Stream: rows of a large file must die young (see `forEachBatch`).
    yield* portfolio.forEachBatch((batch) => Effect.as(journal.insertPlan(runId, planBatch(batch)), !full))
    return { source: portfolio.source, counts: planner.counts() }
  })
