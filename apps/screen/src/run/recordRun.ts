import { randomBytes } from "node:crypto"
import { resolve } from "node:path"
import type { AmlConfig } from "@nordscreen/core"
import { Effect } from "effect"
import type { JournalShape, RunRow } from "../journal/Journal.js"
import type { RunPlanOptions } from "../journal/records.js"

const stamp = (at: Date) =>
  at
    .toISOString()
    .replace(/\.\d+Z$/, "Z")
    .replace(/:/g, "-")

export interface NewRunArgs {
  readonly journal: JournalShape
  readonly portfolio: string
  readonly inputSha256: string
  readonly plan: RunPlanOptions
  /** Parent of the run directories (default `./nordscreen-output`). */
  readonly outRoot: string | undefined
  readonly environment: AmlConfig.Environment
  readonly simulated: boolean
}

/** Records a new run (status `planning`) with a fresh id and its run directory's name. */
export const recordRun = (args: NewRunArgs) =>
  Effect.gen(function* () {
    const started = new Date()
    const runId = randomBytes(4).toString("hex")
    const outDir = resolve(args.outRoot ?? "nordscreen-output", `${stamp(started)}-${runId}`)
    yield* args.journal.createRun({
      runId,
      inputPath: args.portfolio,
      inputSha256: args.inputSha256,
      optionsJson: JSON.stringify(args.plan),
      startedAt: started.toISOString(),
      outDir,
      environment: args.environment,
      simulated: args.simulated
    })
    const run: RunRow = {
      run_id: runId,
      input_path: args.portfolio,
      input_sha256: args.inputSha256,
      options_json: JSON.stringify(args.plan),
      status: "planning",
      started_at: started.toISOString(),
      finished_at: null,
      out_dir: outDir,
      environment: args.environment,
      simulated: args.simulated ? 1 : 0,
      source_json: null,
      counts_json: null
    }
    return run
  })
