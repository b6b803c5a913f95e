import { type AmlConfig, Logging } from "@nordscreen/core"
import { Console, Effect, FiberRef, Option } from "effect"
import { runScreen, type ScreenResult } from "../run/runScreen.js"
import type { OptionValue } from "../run/ScreenOptions.js"
import { makeProgress } from "../execute/Progress.js"
import { allAdapters } from "./adapters.js"
import { openInBrowser } from "./openInBrowser.js"
import { renderScreen } from "./renderScreen.js"
import type { ScreenArgs } from "./screenOptions.js"
import { stopRequested } from "./signals.js"
import { parseMap } from "./validateOptions.js"

const given = <A>(option: Option.Option<A>): A | undefined => Option.getOrUndefined(option)

const splitList = (values: ReadonlyArray<string>): ReadonlyArray<string> =>
  values
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "")

const fail = (message: string) =>
  Effect.zipRight(
    Console.error(`error: ${message}`),
    Effect.sync(() => {
      process.exitCode = 2
    })
  )

/** The API settings among the flags, keyed as core AmlConfig reads them (README "Configuration"). */
export const apiFlags = (
  args: ScreenArgs
): Partial<Record<AmlConfig.SettingKey | "config", AmlConfig.FlagValue>> => ({
  env: given(args.env),
  apiUrl: given(args.apiUrl),
  issuer: given(args.issuer),
  tokenUrl: given(args.tokenUrl),
  clientId: given(args.clientId),
  clientSecret: given(args.clientSecret),
  scopes: given(args.scopes),
  config: given(args.config),
  maxInFlight: given(args.concurrency),
  rate: given(args.rate),
  webhookPublicUrl: given(args.webhookUrl),
  webhookPort: given(args.webhookPort),
  retryUnknown: args.retryUnknown ? true : undefined,
  wireProfile: given(args.wireProfile),
  wireProfileFile: given(args.wireProfileFile)
})

/** What `nordscreen screen` does once its arguments are parsed (loaded only for that command). */
export const screenAction = (args: ScreenArgs) =>
  Effect.gen(function* () {
    const map = parseMap(args.map)
    if (typeof map === "string") return yield* fail(map)
    const reports = Option.map(args.reports, (r) => splitList([r]))
    const expands = args.expand.length === 0 ? null : splitList(args.expand)
    const flags = apiFlags(args)
    const reportOptions: Record<string, OptionValue> = {
      env: given(args.env) ?? null,
      apiUrl: given(args.apiUrl) ?? null,
      concurrency: given(args.concurrency) ?? null,
      rate: given(args.rate) ?? null,
      reports: given(reports) ?? null,
      expand: expands,
      language: given(args.language) ?? null,
      limit: given(args.limit) ?? null,
      mode: args.mode,
      sheet: given(args.sheet) ?? null,
      fresh: args.fresh,
      retryUnknown: args.retryUnknown,
      revealIds: args.revealIds,
      failOnHits: args.failOnHits,
      wireProfile: given(args.wireProfile) ?? null,
      wireProfileFile: given(args.wireProfileFile) ?? null,
      webhook:
        given(args.webhookUrl) ?? (given(args.webhookPort) === undefined ? null : `port ${args.webhookPort}`)
    }
    const result: ScreenResult = yield* runScreen({
      portfolio: args.portfolio,
      outRoot: given(args.out),
      workspace: given(args.workspace),
      api: { flags, env: process.env },
      plan: {
        mode: args.mode,
        map,
        sheet: given(args.sheet) ?? null,
        maxFileMb: args.maxFileMb,
        maxCsvMb: args.maxCsvMb,
        reports: given(reports) ?? null,
        expands,
        language: given(args.language) ?? null,
        limit: given(args.limit) ?? null,
        revealIds: args.revealIds
      },
      adapters: allAdapters,
      fresh: args.fresh,
      retryUnknown: args.retryUnknown,
      failOnHits: args.failOnHits,
      // `--log-level` is @effect/cli's built-in option (it sets the fiber's minimum level); run.log follows it.
      logLevel: Logging.logLevelNameOf(yield* FiberRef.get(FiberRef.currentMinimumLogLevel)),
      reportOptions,
      progress: makeProgress(process.stderr),
      notice: (line) => process.stderr.write(`${line}\n`),
      stop: stopRequested
    })
    yield* Console.log(renderScreen(result))
    if (!result.interrupted) openInBrowser(`${result.runDir}/report.html`)
    yield* Effect.sync(() => {
      process.exitCode = result.exitCode
    })
  }).pipe(Effect.catchAll((error) => fail(error.message)))
