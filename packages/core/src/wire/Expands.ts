import { Data, Either } from "effect"
import type { Adapter, ReportType, RequestOptions } from "../Adapter.js"

/** Options named an expand or report the adapter does not know; nothing was sent. */
export class UnknownExpandError extends Data.TaggedError("UnknownExpandError")<{
  readonly adapter: string
  readonly unknownExpands: ReadonlyArray<string>
  readonly unknownReports: ReadonlyArray<string>
  readonly validExpands: ReadonlyArray<string>
  readonly validReports: ReadonlyArray<string>
}> {
  override get message(): string {
    const parts: Array<string> = []
    if (this.unknownExpands.length > 0) {
      parts.push(
        `unknown expand ${this.unknownExpands.map(quote).join(", ")}; valid expands: ${this.validExpands.join(", ")}`
      )
    }
    if (this.unknownReports.length > 0) {
      parts.push(
        `unknown report ${this.unknownReports.map(quote).join(", ")}; valid reports: ${this.validReports.join(", ")}`
      )
    }
    return `${this.adapter}: ${parts.join(". ")}`
  }
}

const quote = (value: string): string => `"${value}"`

/** The expand that asks for a PDF report (contract §5.2/§5.4). */
export const reportExpand = (report: ReportType): string => `links.reports.${report}`

const reportPrefix = "links.reports."

/** The PDF reports a list of expands asks for (`links.reports.aml` → `aml`). */
export const reportsOf = (expands: ReadonlyArray<string>): ReadonlyArray<ReportType> =>
  expands
    .filter((expand) => expand.startsWith(reportPrefix))
    .map((expand) => expand.slice(reportPrefix.length))

type ExpandCatalog = Pick<Adapter, "id" | "expands" | "reports">

/**
 * The expands to send: `options.expands` (else the adapter's defaults); when `options.reports` is
 * given it decides exactly which `links.reports.*` expands go with them. Unknown expands or reports
 * fail with every valid value listed, so a typo is caught before any session is paid for.
 */
export const validateExpands = (
  adapter: ExpandCatalog,
  options: RequestOptions
): Either.Either<ReadonlyArray<string>, UnknownExpandError> => {
  const expands = options.expands ?? adapter.expands.defaults
  const reports = options.reports
  const unknownExpands = expands.filter((expand) => !adapter.expands.all.includes(expand))
  const unknownReports = (reports ?? []).filter((report) => !adapter.reports.all.includes(report))
  if (unknownExpands.length > 0 || unknownReports.length > 0) {
    return Either.left(
      new UnknownExpandError({
        adapter: adapter.id,
        unknownExpands,
        unknownReports,
        validExpands: adapter.expands.all,
        validReports: adapter.reports.all
      })
    )
  }
  const chosen =
    reports === undefined
      ? expands
      : [...expands.filter((expand) => !expand.startsWith(reportPrefix)), ...reports.map(reportExpand)]
  return Either.right([...new Set(chosen)])
}

/**
 * `validateExpands` for `requestBody`, which cannot fail by type. Callers validate options first
 * (the adapters' Effect and Promise APIs do), so an error here is a programming defect.
 */
export const expandsOrDie = (adapter: ExpandCatalog, options: RequestOptions): ReadonlyArray<string> =>
  Either.getOrThrowWith(validateExpands(adapter, options), (error) => error)
