import { type Adapter, Wire } from "@nordscreen/core"
import { Data, Effect, Either } from "effect"
import type { RunPlanOptions } from "../journal/records.js"

/** A command line or option combination that cannot run (exit code 2). */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

const REPORT_PREFIX = "links.reports."

/**
 * What each adapter is asked for. `--expand` and `--reports` apply to the adapters that know
 * them (a person has no certificate of incorporation); a value no adapter knows is an error
 * before anything is sent. The reports are passed explicitly because `--reports` is filtered per
 * adapter; core awaits exactly the PDFs the create body asks for.
 */
export const requestOptionsFor = (
  adapters: ReadonlyArray<Adapter.AnyAdapter>,
  plan: Pick<RunPlanOptions, "expands" | "reports" | "language">
): Effect.Effect<(adapter: Adapter.AnyAdapter) => Adapter.RequestOptions, UsageError> =>
  Effect.gen(function* () {
    const askedExpands = (plan.expands ?? []).filter((e) => !e.startsWith(REPORT_PREFIX))
    const askedReports =
      plan.reports ??
      (plan.expands === null
        ? null
        : plan.expands.filter((e) => e.startsWith(REPORT_PREFIX)).map((e) => e.slice(REPORT_PREFIX.length)))
    const unknownExpands = askedExpands.filter((e) => !adapters.some((a) => a.expands.all.includes(e)))
    const unknownReports = (askedReports ?? []).filter(
      (r) => !adapters.some((a) => a.reports.all.includes(r))
    )
    if (unknownExpands.length > 0 || unknownReports.length > 0) {
      const parts = [
        unknownExpands.length === 0
          ? ""
          : `unknown --expand ${unknownExpands.join(", ")} (known: ${[...new Set(adapters.flatMap((a) => a.expands.all.filter((e) => !e.startsWith(REPORT_PREFIX))))].join(", ")})`,
        unknownReports.length === 0
          ? ""
          : `unknown --reports ${unknownReports.join(", ")} (known: ${[...new Set(adapters.flatMap((a) => a.reports.all))].join(", ")})`
      ].filter((p) => p !== "")
      return yield* new UsageError({ message: parts.join("; ") })
    }
    const byAdapter = new Map<string, Adapter.RequestOptions>()
    for (const adapter of adapters) {
      const own = askedExpands.filter((e) => adapter.expands.all.includes(e))
      const expands = plan.expands === null || own.length === 0 ? adapter.expands.defaults : own
      const reports = (askedReports ?? Wire.reportsOf(adapter.expands.defaults)).filter((r) =>
        adapter.reports.all.includes(r)
      )
      const options: Adapter.RequestOptions = {
        expands,
        reports,
        ...(plan.language === null ? {} : { language: plan.language })
      }
      const checked = Wire.validateExpands(adapter, options)
      if (Either.isLeft(checked)) return yield* new UsageError({ message: checked.left.message })
      byAdapter.set(adapter.id, options)
    }
    return (adapter: Adapter.AnyAdapter) => byAdapter.get(adapter.id) ?? { reports: [] }
  })
