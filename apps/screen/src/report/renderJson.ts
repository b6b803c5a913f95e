import { collectText, type TextOut } from "./internal/TextOut.js"
import { type EntityRecord, type Records, type ReportParts, SIMULATED_BANNER } from "./RunReport.js"

const publicEntity = (report: ReportParts, e: EntityRecord) => {
  const { identifier, identifierMasked, ...rest } = e
  return { ...rest, identifier: report.run.revealIds ? identifier : identifierMasked }
}

/** `value` as `JSON.stringify(…, null, 2)` writes it at `depth` levels of indentation. */
const nested = (value: unknown, depth: number): string =>
  JSON.stringify(value, null, 2).replace(/\n/g, `\n${"  ".repeat(depth)}`)

/** An array property, element by element, exactly as `JSON.stringify(…, null, 2)` lays it out. */
const writeArray = async <A>(out: TextOut, records: Records<A>, toJson: (a: A) => unknown) => {
  let first = true
  for await (const record of records) {
    await out.write(`${first ? "[\n" : ",\n"}    ${nested(toJson(record), 2)}`)
    first = false
  }
  await out.write(first ? "[]" : "\n  ]")
}

/**
 * report.json: `summary`, `entities`, `rejected`, `failures`, `changes`, `run` (plus a banner when
 * simulated), the same bytes as `JSON.stringify(report, null, 2)`, written record by record.
 */
export const writeJson = async (report: ReportParts, out: TextOut): Promise<void> => {
  await out.write("{\n")
  if (report.run.simulated) await out.write(`  "banner": ${JSON.stringify(SIMULATED_BANNER)},\n`)
  await out.write(`  "summary": ${nested(report.summary, 1)},\n  "entities": `)
  await writeArray(out, report.entities, (e) => publicEntity(report, e))
  await out.write(`,\n  "rejected": `)
  await writeArray(out, report.rejected, (r) => r)
  await out.write(`,\n  "failures": `)
  await writeArray(out, report.failures, (f) => f)
  await out.write(`,\n  "changes": `)
  await writeArray(out, report.changes, (c) => c)
  await out.write(`,\n  "run": ${nested(report.run, 1)}\n}`)
}

/** report.json as a string (tests, small reports). */
export const renderJson = (report: ReportParts): Promise<string> =>
  collectText((out) => writeJson(report, out))
