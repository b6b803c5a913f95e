import { Args, type Command, Options } from "@effect/cli"
import type { HeaderOverrides } from "../ingest/HeaderMap.js"

const portfolio = Args.text({ name: "portfolio" }).pipe(
  Args.withDescription("the portfolio file (.csv or .xlsx)")
)

export const commonOptions = {
  mode: Options.choice("mode", ["test", "production"]).pipe(
    Options.withDefault("test" as const),
    Options.withDescription(
      "identifier rules: test accepts synthetic/test numbers (simulator, preprod); production rejects them"
    )
  ),
  map: Options.text("map").pipe(
    Options.repeated,
    Options.withDescription(
      'map a column to a field, e.g. --map "Kundenr=reference" (field "-" ignores a column)'
    )
  ),
  sheet: Options.text("sheet").pipe(
    Options.optional,
    Options.withDescription("XLSX: sheet to read (default: first)")
  ),
  maxFileMb: Options.integer("max-file-mb").pipe(
    Options.withDefault(50),
    Options.withDescription("XLSX: largest accepted file in MB")
  ),
  maxCsvMb: Options.integer("max-csv-mb").pipe(
    Options.withDefault(500),
    Options.withDescription("CSV: largest accepted file in MB")
  ),
  revealIds: Options.boolean("reveal-ids").pipe(
    Options.withDescription("show national identity numbers unmasked in outputs (default: masked)")
  )
}

const out = Options.text("out").pipe(
  Options.optional,
  Options.withDescription("output directory (default ./nordscreen-output/validate-<timestamp>/, owner-only)")
)

/** `column=field` pairs; the last `=` splits, since field names never contain one. */
export const parseMap = (entries: ReadonlyArray<string>): HeaderOverrides | string => {
  const pairs: Array<readonly [string, string]> = []
  for (const entry of entries) {
    const at = entry.lastIndexOf("=")
    if (at <= 0 || at === entry.length - 1) return `--map expects column=field, got "${entry}"`
    pairs.push([entry.slice(0, at), entry.slice(at + 1)] as const)
  }
  return pairs
}

export const validateConfig = { portfolio, out, ...commonOptions }

export type ValidateArgs = Command.Command.ParseConfig<typeof validateConfig>
