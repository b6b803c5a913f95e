import type { Adapter, ReportType, RequestOptions } from "../Adapter.js"
import { levenshtein } from "../internal/levenshtein.js"
import { type WireProfile, wireSpelling } from "../WireProfile.js"

/** The expand that asks for a PDF report (contract §5.2/§5.4). */
export const reportExpand = (report: ReportType): string => `links.reports.${report}`

const reportPrefix = "links.reports."

/** The PDF reports a list of expands asks for (`links.reports.aml` → `aml`). */
export const reportsOf = (expands: ReadonlyArray<string>): ReadonlyArray<ReportType> =>
  expands
    .filter((expand) => expand.startsWith(reportPrefix))
    .map((expand) => expand.slice(reportPrefix.length))

/**
 * An expand or report the adapter does not know. It is sent anyway: the API is the judge, and a
 * value BankID adds tomorrow must not be blocked by the client (issue 12, part 2).
 */
export interface UnknownExpand {
  readonly kind: "expand" | "report"
  readonly value: string
  /** A known value within edit distance 2, if one is. */
  readonly suggestion: string | undefined
}

/** One line for a warning: `org-no: unknown expand "role" sent as is; … (did you mean "roles"?)`. */
export const describeUnknownExpand = (source: string, unknown: UnknownExpand): string =>
  `${source}: unknown ${unknown.kind} "${unknown.value}" sent as is; the API decides${
    unknown.suggestion === undefined ? "" : ` (did you mean "${unknown.suggestion}"?)`
  }`

export interface ExpandChoice {
  /** The expands to send, reports included as `links.reports.*`, in the client's spelling. */
  readonly expands: ReadonlyArray<string>
  readonly unknown: ReadonlyArray<UnknownExpand>
}

type ExpandCatalog = Pick<Adapter, "expands" | "reports">

const nearest = (value: string, known: ReadonlyArray<string>): string | undefined => {
  let best: { readonly value: string; readonly distance: number } | undefined
  for (const candidate of known) {
    const distance = levenshtein(value.toLowerCase(), candidate.toLowerCase())
    if (distance <= 2 && (best === undefined || distance < best.distance))
      best = { value: candidate, distance }
  }
  return best?.value
}

/**
 * The expands to send: `options.expands` (else the adapter's defaults; an alias becomes the
 * expand it names); when `options.reports` is given it decides exactly which `links.reports.*`
 * expands go with them. Unknown values pass through and are listed, with a near-miss suggestion.
 */
export const chooseExpands = (adapter: ExpandCatalog, options: RequestOptions): ExpandChoice => {
  const aliases = adapter.expands.aliases ?? {}
  const expands = (options.expands ?? adapter.expands.defaults).map((expand) => aliases[expand] ?? expand)
  const reports = options.reports
  const knownExpands = [...adapter.expands.all, ...Object.keys(aliases)]
  const unknown: Array<UnknownExpand> = [
    ...expands
      .filter((expand) => !adapter.expands.all.includes(expand))
      .map((value): UnknownExpand => ({ kind: "expand", value, suggestion: nearest(value, knownExpands) })),
    ...(reports ?? [])
      .filter((report) => !adapter.reports.all.includes(report))
      .map(
        (value): UnknownExpand => ({ kind: "report", value, suggestion: nearest(value, adapter.reports.all) })
      )
  ]
  const chosen =
    reports === undefined
      ? expands
      : [...expands.filter((expand) => !expand.startsWith(reportPrefix)), ...reports.map(reportExpand)]
  return { expands: [...new Set(chosen)], unknown }
}

/**
 * The body fields that choose the result's parts and its PDFs, as the wire profile says:
 * `links.reports.*` expands, the `reports` parameter (contract §16.1), or both; expands in the
 * profile's spelling (§16.3).
 */
export const selectionFields = (
  expands: ReadonlyArray<string>,
  profile: WireProfile
): { readonly expands: ReadonlyArray<string>; readonly reports?: ReadonlyArray<ReportType> } => {
  const spelled = expands.map((expand) => wireSpelling(profile, expand))
  switch (profile.pdfSelection) {
    case "expands":
      return { expands: spelled }
    case "reports":
      return {
        expands: spelled.filter((expand) => !expand.startsWith(reportPrefix)),
        reports: reportsOf(expands)
      }
    case "both":
      return { expands: spelled, reports: reportsOf(expands) }
  }
}
