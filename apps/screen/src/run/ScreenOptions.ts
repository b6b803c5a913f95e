import type { Adapter, Logging } from "@nordscreen/core"
import type { SimulatorOptions } from "@nordscreen/simulator"
import type { Effect } from "effect"
import type { Progress } from "../execute/Progress.js"
import type { RunPlanOptions } from "../journal/records.js"
import type { ApiSources } from "./resolveApi.js"

export type OptionValue = string | number | boolean | ReadonlyArray<string> | null

export interface ScreenOptions {
  readonly portfolio: string
  /** Parent of the run directories (default `./nordscreen-output`). */
  readonly outRoot?: string | undefined
  readonly workspace?: string | undefined
  readonly api: ApiSources
  readonly plan: RunPlanOptions
  readonly adapters: ReadonlyArray<Adapter.AnyAdapter>
  readonly fresh: boolean
  readonly retryUnknown: boolean
  readonly failOnHits: boolean
  readonly logLevel: Logging.LogLevelName
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
