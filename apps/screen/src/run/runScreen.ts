import { randomBytes } from "node:crypto"
import { existsSync } from "node:fs"
import { chmod, open as openFile, readdir, rm } from "node:fs/promises"
import { join, resolve } from "node:path"
import { type AnyAdapter, amlEngineLayer, type EngineError, type LogLevelName } from "@nordscreen/core"
import type { SimulatorOptions } from "@nordscreen/simulator"
import { Context, Effect, Either, Exit, Layer, Option, Schema, Scope } from "effect"
import { checkPortfolioFile } from "../ingest/checkPortfolioFile.js"
import { PortfolioFileError } from "../ingest/PortfolioFileError.js"
import { readPortfolio } from "../ingest/readPortfolio.js"
import { makeOwnerOnlyDir } from "../internal/outputDir.js"
import { fileSha256 } from "../internal/fileSha256.js"
import { Journal, type JournalShape, journalLayer, type RunRow } from "../journal/Journal.js"
import type { JournalFailed } from "../journal/JournalFailed.js"
import { type RunPlanOptions, StoredCounts, StoredPlanOptions, StoredSource } from "../journal/records.js"
import { makeSqliteDurableSteps } from "../execute/sqliteDurableSteps.js"
import { missingRowsText } from "../plan/Planner.js"
import { diffRuns } from "../report/diffRuns.js"
import type { BuiltReport, Environment, RunMetadata, TakenOver } from "../report/RunReport.js"
import { summarizeEntities } from "../report/summarize.js"
import { writeReports } from "../report/writeReports.js"
import { OutputError } from "../internal/OutputError.js"
import { toolVersion } from "../version.js"
import { type ReportContent, reportContent } from "../report/buildReport.js"
import { executeRun } from "../execute/executeRun.js"
import { planIntoJournal } from "../plan/planIntoJournal.js"
import { planTakeovers, type TakeoverPlan } from "../plan/planTakeovers.js"
import { type PreflightError, preflightApi } from "./preflightApi.js"
import { type Progress, silentProgress } from "../execute/Progress.js"
import { requestOptionsFor, UsageError } from "../execute/requestOptions.js"
import { type ApiSources, type EmbeddedSimulatorFailed, resolveApi } from "./resolveApi.js"
import { makeRunArtifactSink } from "../execute/RunArtifactSink.js"
import { DEFAULT_WORKSPACE, openWorkspace, type WorkspaceError } from "./Workspace.js"

export type OptionValue = string | number | boolean | ReadonlyArray<string> | null

export interface ScreenOptions {
  readonly portfolio: string
  /** Parent of the run directories (default `./nordscreen-output`). */
  readonly outRoot?: string | undefined
  readonly workspace?: string | undefined
  readonly api: ApiSources
  readonly plan: RunPlanOptions
  readonly adapters: ReadonlyArray<AnyAdapter>
  readonly fresh: boolean
  readonly retryUnknown: boolean
  readonly failOnHits: boolean
  readonly logLevel: LogLevelName
  /** Options as the report shows them (no secrets). */
  readonly reportOptions: Readonly<Record<string, OptionValue>>
  readonly progress?: Progress | undefined
  /** Messages for the user (standard error in the CLI). */
  readonly notice?: ((line: string) => void) | undefined
  /** Completes when the user asks to stop (first Ctrl-C). */
  readonly stop?: Effect.Effect<void> | undefined
  /** Options of the embedded simulator (tests make it faster). */
  readonly embedded?: SimulatorOptions | undefined
}

export type ExitCode = 0 | 3 | 4 | 5

export interface ScreenResult {
  readonly runId: string
  readonly runDir: string
  readonly resumed: boolean
  readonly interrupted: boolean
  readonly embedded: boolean
  readonly report: BuiltReport
  readonly exitCode: ExitCode
}

export type ScreenError =
  | PortfolioFileError
  | JournalFailed
  | WorkspaceError
  | EngineError
  | EmbeddedSimulatorFailed
  | UsageError
  | OutputError
  | PreflightError

export const SIMULATED_NOTICE = [
  "┌──────────────────────────────────────────────────────────────────────┐",
  "│  SIMULATED DATA — results come from the nordscreen simulator, not   │",
  "│  from BankID. Never use them for real screening decisions.          │",
  "└──────────────────────────────────────────────────────────────────────┘"
].join("\n")

const stamp = (at: Date) =>
  at
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-")

const outputError = (path: string) => (cause: unknown) =>
  new OutputError({
    path,
    message: `cannot write ${path}: ${cause instanceof Error ? cause.message : String(cause)}`
  })

/** Half-written artifacts of a killed process (`*.tmp-<random>`): never recorded, never valid. */
const removeTempFiles = async (dir: string) => {
  if (!existsSync(dir)) return
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  for (const entry of entries)
    if (entry.isFile() && /\.tmp-[0-9a-f]+$/.test(entry.name))
      await rm(join(entry.parentPath, entry.name), { force: true })
}

const decodeOr = <A, I, F>(schema: Schema.Schema<A, I, never>, text: string | null, fallback: F): A | F =>
  text === null ? fallback : Either.getOrElse(Schema.decodeUnknownEither(schema)(text), (): A | F => fallback)

const metadataOf = (
  run: RunRow,
  plan: RunPlanOptions,
  options: Readonly<Record<string, OptionValue>>,
  finishedAt: string,
  previousRunId: string | null,
  takenOver: TakenOver | null
): RunMetadata => {
  const source: typeof StoredSource.Type = decodeOr(StoredSource, run.source_json, {
    file: run.input_path,
    format: "csv" as const
  })
  const environment: Environment =
    run.environment === "prod" || run.environment === "preprod" ? run.environment : "simulator"
  return {
    tool: "nordscreen",
    version: toolVersion,
    runId: run.run_id,
    environment,
    simulated: run.simulated === 1,
    mode: plan.mode,
    input: {
      file: run.input_path,
      sha256: run.input_sha256,
      format: source.format,
      sheet: source.sheet ?? null
    },
    options,
    revealIds: plan.revealIds,
    startedAt: run.started_at,
    finishedAt,
    previousRunId,
    takenOver
  }
}

const assemble = (
  run: RunRow,
  metadata: RunMetadata,
  content: ReportContent,
  changes: BuiltReport["changes"]
): BuiltReport => {
  const counts = decodeOr(StoredCounts, run.counts_json, { rows: 0, entities: 0, duplicates: 0, rejected: 0 })
  return {
    run: metadata,
    summary: summarizeEntities(
      content.entities,
      { rows: counts.rows, duplicateRows: counts.duplicates, rejectedRows: content.rejectedCount },
      content.failureCount,
      changes.length
    ),
    entities: content.entities,
    rejected: content.rejected,
    failures: content.failures,
    changes
  }
}

/** The previous completed run of the workspace, as a report, for the Changes sheet. */
const previousReport = (journal: JournalShape, runId: string, adapters: ReadonlyArray<AnyAdapter>) =>
  Effect.gen(function* () {
    const previous = yield* journal.lastCompleted(runId)
    if (Option.isNone(previous)) return undefined
    const run = previous.value
    const plan = yield* decodePlan(run)
    const content = yield* reportContent(journal, run.run_id, adapters)
    return assemble(
      run,
      metadataOf(run, plan, {}, run.finished_at ?? run.started_at, null, null),
      content,
      []
    )
  })

const decodePlan = (run: RunRow) =>
  Effect.mapError(
    Schema.decodeUnknown(StoredPlanOptions)(run.options_json),
    () => new UsageError({ message: `run ${run.run_id} in the journal has unreadable options; use --fresh` })
  )

const takeoverNotice = (t: TakeoverPlan): string =>
  [
    ...(t.sessions === 0
      ? []
      : [
          `Run ${t.fromRunId} of this input created ${t.sessions} session(s) whose results it did not download and that may still hold them (results live 2 h): this run follows those sessions instead of paying for new ones (one that turns out gone is created again).`
        ]),
    ...(t.unknown === 0
      ? []
      : [
          `Run ${t.fromRunId} sent ${t.unknown} create request(s) whose outcome is unknown: not sent again (CreateOutcomeUnknown) unless --retry-unknown.`
        ])
  ].join("\n")

const exitCodeOf = (report: BuiltReport, interrupted: boolean, failOnHits: boolean): ExitCode => {
  if (interrupted) return 4
  if (report.summary.failures > 0) return 3
  if (failOnHits && report.summary.byOutcome.hit > 0) return 5
  return 0
}

const asFileError = (path: string) => (error: unknown) =>
  error instanceof PortfolioFileError
    ? error
    : new PortfolioFileError({ file: path, reason: "UNREADABLE", message: `${path} could not be read.` })

/** Hashed only once it is known to be a regular file: a FIFO or /dev/zero would never end. */
const hashInput = (path: string) =>
  Effect.tryPromise({
    try: async () => {
      await checkPortfolioFile(path)
      return await fileSha256(path)
    },
    catch: asFileError(path)
  })

/**
 * `nordscreen screen`: plan the portfolio into the workspace journal (or pick up the unfinished
 * run of the same input), screen every open entity, and write the reports of the run.
 */
export const runScreen = (options: ScreenOptions): Effect.Effect<ScreenResult, ScreenError> =>
  Effect.scoped(
    Effect.gen(function* () {
      const notice = options.notice ?? (() => {})
      const progress = options.progress ?? silentProgress
      const workspace = yield* openWorkspace(options.workspace ?? DEFAULT_WORKSPACE)
      const inputSha = yield* hashInput(options.portfolio)
      const journal = Context.get(yield* Layer.build(journalLayer(workspace.dir)), Journal)
      const api = yield* resolveApi(options.api, workspace.keySecret, options.embedded)
      // Before anything is recorded: a wrong secret, an unreachable API or a busy webhook port
      // is one error here, not a run left "running" or a failure per entity.
      yield* preflightApi(api.settings, options.adapters)
      const environment = api.settings.environment

      const unfinished = yield* journal.findUnfinished(inputSha)
      if (options.fresh && Option.isSome(unfinished)) {
        yield* journal.setStatus(unfinished.value.run_id, "abandoned", new Date().toISOString())
        notice(`--fresh: the unfinished run ${unfinished.value.run_id} of this input is abandoned.`)
      }
      const resumedRow = options.fresh ? undefined : Option.getOrUndefined(unfinished)
      if (resumedRow !== undefined && resumedRow.environment !== environment)
        return yield* new UsageError({
          message: `the unfinished run ${resumedRow.run_id} of this input ran against ${resumedRow.environment}, not ${environment}; use the same settings to resume it, or --fresh to start over`
        })
      const plan = resumedRow === undefined ? options.plan : yield* decodePlan(resumedRow)
      const requestOptions = yield* requestOptionsFor(options.adapters, plan)
      // The portfolio is opened (file checks, workbook, header mapping) before a run is recorded:
      // a file refused here leaves no run behind. The reader is closed once the plan is made.
      const reading = yield* Scope.make()
      yield* Effect.addFinalizer(() => Scope.close(reading, Exit.void))
      const open = readPortfolio(options.portfolio, {
        map: plan.map,
        sheet: plan.sheet ?? undefined,
        maxFileBytes: plan.maxFileMb * 1024 * 1024,
        maxCsvBytes: plan.maxCsvMb === undefined ? undefined : plan.maxCsvMb * 1024 * 1024
      }).pipe(Scope.extend(reading))
      const portfolio = resumedRow === undefined || resumedRow.status === "planning" ? yield* open : undefined

      let run: RunRow
      if (resumedRow === undefined) {
        const started = new Date()
        const runId = randomBytes(4).toString("hex")
        const outDir = resolve(options.outRoot ?? "nordscreen-output", `${stamp(started)}-${runId}`)
        yield* journal.createRun({
          runId,
          inputPath: options.portfolio,
          inputSha256: inputSha,
          optionsJson: JSON.stringify(plan),
          startedAt: started.toISOString(),
          outDir,
          environment,
          simulated: api.simulated
        })
        run = {
          run_id: runId,
          input_path: options.portfolio,
          input_sha256: inputSha,
          options_json: JSON.stringify(plan),
          status: "planning",
          started_at: started.toISOString(),
          finished_at: null,
          out_dir: outDir,
          environment,
          simulated: api.simulated ? 1 : 0,
          source_json: null,
          counts_json: null
        }
      } else run = resumedRow
      const runId = run.run_id
      const runDir = run.out_dir
      if (api.simulated) notice(SIMULATED_NOTICE)
      if (api.embedded)
        notice("No API endpoint or credentials configured: using the embedded simulator (synthetic data).")

      if (run.status === "planning") {
        const planned = yield* planIntoJournal({
          runId,
          portfolio: portfolio ?? (yield* open),
          options: plan,
          adapters: options.adapters,
          keySecret: workspace.keySecret,
          journal
        }).pipe(
          // Refused halfway through (e.g. too much text in all): no API call depends on the plan yet.
          Effect.tapErrorTag("PortfolioFileError", () => journal.dropPlanningRun(runId)),
          Effect.ensuring(Scope.close(reading, Exit.void))
        )
        const countsJson = JSON.stringify({
          rows: planned.counts.rows,
          entities: planned.counts.entities,
          duplicates: planned.counts.duplicates,
          rejected: planned.counts.rejected
        })
        const takeover = yield* planTakeovers({
          journal,
          runId,
          inputSha256: inputSha,
          environment,
          plan,
          retryUnknown: options.retryUnknown,
          now: new Date()
        })
        if (takeover !== undefined) notice(takeoverNotice(takeover))
        // One line for the header, though every row it cost is listed among the rejected rows.
        for (const missing of planned.counts.missingColumns)
          notice(`${options.portfolio}: ${missing.message} ${missingRowsText(missing)}`)
        const sourceJson = JSON.stringify({ ...planned.source, file: options.portfolio })
        yield* journal.setPlanned(runId, sourceJson, countsJson)
        run = { ...run, status: "running", source_json: sourceJson, counts_json: countsJson }
      } else yield* journal.setStatus(runId, "running", null)
      yield* Effect.tryPromise({
        try: async () => {
          await makeOwnerOnlyDir(runDir)
          await removeTempFiles(join(runDir, "entities"))
          // pino would create the log with the umask's permissions.
          await (await openFile(join(runDir, "run.log"), "a", 0o600)).close()
          await chmod(join(runDir, "run.log"), 0o600)
        },
        catch: outputError(runDir)
      })

      const before = yield* journal.counts(runId)
      const total = before.pending + before.done + before.failed
      if (resumedRow !== undefined)
        notice(
          `Resuming run ${runId} of ${options.portfolio} (started ${run.started_at}): ${before.done} of ${total} entities already screened, ${before.failed} failed earlier; continuing in ${runDir}`
        )
      else notice(`Run ${runId}: ${total} entities to screen; output in ${runDir}`)

      const sink = makeRunArtifactSink(runDir, runId, journal)
      progress.start(total, before.done)
      const execution = executeRun({
        runId,
        journal,
        sink,
        adapters: options.adapters,
        requestOptions,
        keySecret: workspace.keySecret,
        concurrency: api.settings.rate.maxSessionsInFlight,
        retryUnknown: options.retryUnknown,
        onEntity: progress.entity
      }).pipe(
        Effect.tap(() => Effect.logInfo("run finished")),
        Effect.annotateLogs({ runId, resumed: resumedRow !== undefined }),
        Effect.provide(
          amlEngineLayer({
            settings: api.settings,
            steps: makeSqliteDurableSteps(journal),
            sink,
            logging: { level: options.logLevel, destination: join(runDir, "run.log") }
          })
        )
      )
      const interrupted = yield* Effect.raceFirst(
        Effect.as(execution, false),
        Effect.as(options.stop ?? Effect.never, true)
      ).pipe(Effect.ensuring(Effect.sync(progress.stop)))

      const content = yield* reportContent(journal, runId, options.adapters)
      const previous = yield* previousReport(journal, runId, options.adapters)
      const finishedAt = new Date().toISOString()
      const takenOver = (yield* journal.takeoverCounts(runId)) ?? null
      const metadata = metadataOf(
        run,
        plan,
        options.reportOptions,
        finishedAt,
        previous?.run.runId ?? null,
        takenOver
      )
      const draft = assemble(run, metadata, content, [])
      const changes = previous === undefined ? [] : diffRuns(previous, draft)
      const report = assemble(run, metadata, content, changes)
      yield* Effect.tryPromise({ try: () => writeReports(runDir, report), catch: outputError(runDir) })
      yield* journal.setStatus(
        runId,
        interrupted ? "interrupted" : "completed",
        interrupted ? null : finishedAt
      )
      return {
        runId,
        runDir,
        resumed: resumedRow !== undefined,
        interrupted,
        embedded: api.embedded,
        report,
        exitCode: exitCodeOf(report, interrupted, options.failOnHits)
      }
    })
  )
