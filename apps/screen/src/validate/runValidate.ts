import { basename, join } from "node:path"
import type { Adapter } from "@nordscreen/core"
import { Effect } from "effect"
import { type HeaderMapping, missingColumnMessage } from "../ingest/HeaderMap.js"
import { PortfolioFileError } from "../ingest/PortfolioFileError.js"
import { type ReadOptions, readPortfolio } from "../ingest/readPortfolio.js"
import type { SourceInfo } from "../ingest/SheetRow.js"
import { defaultOutDir, makeOwnerOnlyDir } from "../internal/outputDir.js"
import { fileSha256 } from "../internal/fileSha256.js"
import { makePlanner, missingRowsText, type PlanCounts } from "../plan/Planner.js"
import type { RejectedRow } from "../plan/RejectedRow.js"
import { CSV_BOM, csvLine } from "../internal/csvLine.js"
import { FileSink } from "../internal/FileSink.js"
import { toolVersion } from "../version.js"
import { OutputError } from "../internal/OutputError.js"

export interface ValidateOptions {
  readonly portfolio: string
  readonly adapters: ReadonlyArray<Adapter.AnyAdapter>
  readonly mode: Adapter.ValidationMode
  /** Run directory; default `./nordscreen-output/validate-<timestamp>/`. */
  readonly outDir?: string | undefined
  readonly read?: ReadOptions | undefined
  readonly revealIds?: boolean | undefined
  /** How many rejected rows to keep in memory for the terminal table (default 50). */
  readonly keepRejected?: number | undefined
  readonly now?: (() => Date) | undefined
}

export interface ValidateResult {
  readonly source: SourceInfo
  /** Which column fills which field, and the columns no field took. */
  readonly mapping: HeaderMapping
  /** Row number of the header row. */
  readonly headerRowNumber: number
  readonly inputSha256: string
  readonly mode: Adapter.ValidationMode
  readonly counts: PlanCounts
  readonly outDir: string
  readonly files: ReadonlyArray<string>
  /**
   * The first `keepRejected` rejected rows (all of them are in the files), except those rejected
   * for a column the header lacks: those are `counts.missingColumns`, one entry per field.
   */
  readonly firstRejected: ReadonlyArray<RejectedRow>
  readonly startedAt: string
  readonly finishedAt: string
}

const rejectedColumns = ["file", "row", "reference", "column", "value", "code", "message", "adapter"] as const

const rejectedCsv = (r: RejectedRow) =>
  csvLine([r.file, r.rowNumber, r.reference, r.column, r.value, r.code, r.message, r.adapterId])

const outputError = (path: string) => (error: unknown) =>
  new OutputError({
    path,
    message: `cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`
  })

/**
 * The dry run: reads and validates every row, writes `rejected.csv` and `rejected.json` as it
 * goes (so memory stays flat however many rows are rejected), and makes no API call.
 */
export const runValidate = (
  options: ValidateOptions
): Effect.Effect<ValidateResult, PortfolioFileError | OutputError> =>
  Effect.scoped(
    Effect.gen(function* () {
      const now = options.now ?? (() => new Date())
      const started = now()
      const portfolio = yield* readPortfolio(options.portfolio, options.read ?? {})
      const outDir = options.outDir ?? defaultOutDir("validate", started)
      const csvPath = join(outDir, "rejected.csv")
      const jsonPath = join(outDir, "rejected.json")
      const sinks = yield* Effect.acquireRelease(
        Effect.tryPromise({
          try: async () => {
            await makeOwnerOnlyDir(outDir)
            return { csv: new FileSink(csvPath), json: new FileSink(jsonPath) }
          },
          catch: outputError(outDir)
        }),
        (open) => Effect.promise(() => Promise.allSettled([open.csv.close(), open.json.close()]))
      )
      const write = (sink: FileSink, path: string, text: string) =>
        Effect.tryPromise({ try: () => sink.write(text), catch: outputError(path) })
      yield* write(sinks.csv, csvPath, CSV_BOM + csvLine(rejectedColumns))
      yield* write(sinks.json, jsonPath, '{"rejected":[\n')
      const planner = makePlanner({
        adapters: options.adapters,
        mode: options.mode,
        revealIds: options.revealIds,
        expectedEntities: portfolio.estimatedRows,
        describeMissingColumn: (field) => missingColumnMessage(field, portfolio.header, portfolio.mapping)
      })
      const keep = options.keepRejected ?? 50
      const firstRejected: Array<RejectedRow> = []
      let written = 0
      // One string per batch and file: rejected rows go to disk as they come, only the first
      // `keep` stay in memory for the terminal.
      yield* portfolio.forEachBatch((batch) => {
        let csv = ""
        let json = ""
        for (const source of batch) {
          const event = planner.plan(source)
          // A column the header lacks is one fault of the file, written once after the rows.
          if (event._tag !== "Rejected" || event.missingColumn !== undefined) continue
          const row = event.rejected
          if (firstRejected.length < keep) firstRejected.push(row)
          csv += rejectedCsv(row)
          json += (written++ === 0 ? "" : ",\n") + JSON.stringify(row)
        }
        if (csv === "") return Effect.void
        return Effect.zipRight(write(sinks.csv, csvPath, csv), write(sinks.json, jsonPath, json))
      })
      const inputSha256 = yield* Effect.tryPromise({
        try: () => fileSha256(options.portfolio),
        catch: () =>
          new PortfolioFileError({
            file: options.portfolio,
            reason: "UNREADABLE",
            message: `${options.portfolio} could not be read.`
          })
      })
      const counts = planner.counts()
      let headerLevel = ""
      let headerJson = ""
      for (const missing of counts.missingColumns) {
        const row: RejectedRow = {
          file: options.portfolio,
          rowNumber: portfolio.headerRowNumber,
          reference: null,
          column: null,
          value: null,
          code: "E_NO_COLUMN",
          message: `${missing.message} ${missingRowsText(missing)}`,
          adapterId: null
        }
        headerLevel += rejectedCsv(row)
        headerJson += (written++ === 0 ? "" : ",\n") + JSON.stringify(row)
      }
      if (headerLevel !== "")
        yield* Effect.zipRight(
          write(sinks.csv, csvPath, headerLevel),
          write(sinks.json, jsonPath, headerJson)
        )
      const columns = portfolio.mapping.fields.map((f) => ({ column: f.header, field: f.field }))
      const finishedAt = now().toISOString()
      const run = {
        tool: "nordscreen",
        version: toolVersion,
        command: "validate",
        input: { ...portfolio.source, file: basename(options.portfolio), sha256: inputSha256 },
        mode: options.mode,
        apiCalls: 0,
        startedAt: started.toISOString(),
        finishedAt
      }
      yield* write(
        sinks.json,
        jsonPath,
        `\n],\n"columns":${JSON.stringify(columns)},\n"ignoredColumns":${JSON.stringify(portfolio.mapping.ignored)},\n"summary":${JSON.stringify(counts)},\n"run":${JSON.stringify(run)}}\n`
      )
      return {
        source: portfolio.source,
        mapping: portfolio.mapping,
        headerRowNumber: portfolio.headerRowNumber,
        inputSha256,
        mode: options.mode,
        counts,
        outDir,
        files: [csvPath, jsonPath],
        firstRejected,
        startedAt: started.toISOString(),
        finishedAt
      }
    })
  )
