export type { CsvOptions } from "./ingest/CsvReader.js"
export { openCsv } from "./ingest/CsvReader.js"
export type { HeaderMapping, HeaderOverrides } from "./ingest/HeaderMap.js"
export { fieldOfHeader, headerKey, mapHeaders, rowFields } from "./ingest/HeaderMap.js"
export type { FileErrorReason } from "./ingest/PortfolioFileError.js"
export { PortfolioFileError } from "./ingest/PortfolioFileError.js"
export type { Portfolio, ReadOptions, SourceRow } from "./ingest/readPortfolio.js"
export { readPortfolio } from "./ingest/readPortfolio.js"
export type { SheetRow, SourceInfo } from "./ingest/SheetRow.js"
export type { XlsxOptions } from "./ingest/XlsxReader.js"
export { openXlsx } from "./ingest/XlsxReader.js"
export type {
  DuplicateRow,
  PlanCounts,
  PlanEvent,
  PlannedEntity,
  Planner,
  PlannerOptions,
  Rejection
} from "./plan/Planner.js"
export { makePlanner } from "./plan/Planner.js"
export type { RejectedRow } from "./plan/RejectedRow.js"
export { diffRuns } from "./report/diffRuns.js"
export { entityDirName } from "./plan/entityDirName.js"
export { renderCsv } from "./report/renderCsv.js"
export { renderHtml } from "./report/renderHtml.js"
export { renderJson } from "./report/renderJson.js"
export { renderXlsx } from "./report/renderXlsx.js"
export type {
  ArtifactRef,
  ChangeKind,
  ChangeRecord,
  EntityIssue,
  EntityOutcome,
  EntityRecord,
  Environment,
  FailureRecord,
  RunMetadata,
  RunReport,
  RunSummary,
  TakenOver
} from "./report/RunReport.js"
export { SIMULATED_BANNER } from "./report/RunReport.js"
export { safeCell } from "./internal/safeCell.js"
export { outcomeOf, summarizeEntities } from "./report/summarize.js"
export type { Manifest, ManifestEntry } from "./report/writeReports.js"
export { buildManifest, writeReports } from "./report/writeReports.js"
export { OutputError } from "./internal/OutputError.js"
export type { ValidateOptions, ValidateResult } from "./validate/runValidate.js"
export { runValidate } from "./validate/runValidate.js"
export type { ArtifactRow, EntityRow, JournalShape, RunRow, RunStatus } from "./journal/Journal.js"
export { Journal, JOURNAL_FILE, journalLayer } from "./journal/Journal.js"
export type { JournalWriterShape } from "./journal/JournalWriter.js"
export { JournalWriter, journalWriterLayer, makeJournalWriter } from "./journal/JournalWriter.js"
export { JOURNAL_MIGRATIONS_TABLE, migrateJournal } from "./journal/journalMigrations.js"
export { JournalFailed } from "./journal/JournalFailed.js"
export { executionKeyOf } from "./execute/executeRun.js"
export type { Progress, ProgressOutput } from "./execute/Progress.js"
export { makeProgress, silentProgress } from "./execute/Progress.js"
export { UsageError } from "./execute/requestOptions.js"
export type { ApiChoice, ApiSources } from "./run/resolveApi.js"
export { EMBEDDED_SIMULATOR, EmbeddedSimulatorFailed, resolveApi } from "./run/resolveApi.js"
export type { ExitCode, ScreenError, ScreenResult } from "./run/runScreen.js"
export { runScreen } from "./run/runScreen.js"
export type { OptionValue, ScreenOptions } from "./run/ScreenOptions.js"
export { SIMULATED_NOTICE } from "./run/simulatedNotice.js"
export type { Workspace } from "./run/Workspace.js"
export { DEFAULT_WORKSPACE, openWorkspace, WorkspaceError } from "./run/Workspace.js"
export type { RunPlanOptions } from "./journal/records.js"
