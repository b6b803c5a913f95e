import { Console, Effect, Option } from "effect"
import { runValidate } from "../validate/runValidate.js"
import { allAdapters } from "./adapters.js"
import { renderValidate } from "./renderValidate.js"
import { parseMap, type ValidateArgs } from "./validateOptions.js"

/** What `nordscreen validate` does once its arguments are parsed (loaded only for that command). */
export const validateAction = (args: ValidateArgs) =>
  Effect.gen(function* () {
    const map = parseMap(args.map)
    if (typeof map === "string") {
      yield* Console.error(`error: ${map}`)
      return yield* Effect.sync(() => {
        process.exitCode = 2
      })
    }
    const result = yield* runValidate({
      portfolio: args.portfolio,
      adapters: allAdapters,
      mode: args.mode,
      outDir: Option.getOrUndefined(args.out),
      revealIds: args.revealIds,
      read: {
        map,
        sheet: Option.getOrUndefined(args.sheet),
        maxFileBytes: args.maxFileMb * 1024 * 1024,
        maxCsvBytes: args.maxCsvMb * 1024 * 1024
      }
    })
    yield* Console.log(renderValidate(result))
    yield* Effect.sync(() => {
      process.exitCode = result.counts.rejected === 0 ? 0 : 1
    })
  }).pipe(
    Effect.catchTags({
      PortfolioFileError: (error) => fail(error.message),
      OutputError: (error) => fail(error.message)
    })
  )

const fail = (message: string) =>
  Effect.zipRight(
    Console.error(`error: ${message}`),
    Effect.sync(() => {
      process.exitCode = 2
    })
  )
