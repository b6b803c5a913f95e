// The library surface of the CLI app: run a screening or a validation from code, and open a
// workspace's journal (tooling, tests). Everything else is internal to the app.
export type { ExitCode, ScreenError, ScreenResult } from "./run/runScreen.js"
export { runScreen } from "./run/runScreen.js"
export type { OptionValue, ScreenOptions } from "./run/ScreenOptions.js"
export type { ValidateOptions, ValidateResult } from "./validate/runValidate.js"
export { runValidate } from "./validate/runValidate.js"
export type { EntityRow, JournalShape, RunRow, RunStatus } from "./journal/Journal.js"
export { Journal, JOURNAL_FILE, journalLayer } from "./journal/Journal.js"
export { JournalFailed } from "./journal/JournalFailed.js"
export { DEFAULT_WORKSPACE, openWorkspace, WorkspaceError } from "./run/Workspace.js"
export type { Workspace } from "./run/Workspace.js"
