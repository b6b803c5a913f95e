import { type Adapter, Wire } from "@nordscreen/core"
import { Data, Effect } from "effect"
import type { RunPlanOptions } from "../journal/records.js"

/** A command line or option combination that cannot run (exit code 2). */
export class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

const REPORT_PREFIX = "links.reports."

/** Each adapter's request options, and a warning per value no adapter knows. */
export interface RequestOptionsPlan {
  readonly optionsFor: (adapter: Adapter.AnyAdapter) => Adapter.RequestOptions
  /** `--expand: unknown expand "x" sent as is; the API decides (did you mean "y"?)`, once per value. */
  readonly warnings: ReadonlyArray<string>
}

/**
 * What each adapter is asked for. `--expand` and `--reports` apply to the adapters that know
 * them (a person has no certificate of incorporation); a value no adapter knows is sent to every
 * adapter with a warning (and a "did you mean" for a near miss): the API is the judge, and the
 * client must not block a value BankID adds tomorrow. The reports are passed explicitly because
 * `--reports` is filtered per adapter; core awaits exactly the PDFs the create body asks for.
 */
export const requestOptionsFor = (
  adapters: ReadonlyArray<Adapter.AnyAdapter>,
  plan: Pick<RunPlanOptions, "expands" | "reports" | "language">
): Effect.Effect<RequestOptionsPlan> =>
  Effect.sync(() => {
    const askedExpands = (plan.expands ?? []).filter((e) => !e.startsWith(REPORT_PREFIX))
    const askedReports =
      plan.reports ??
      (plan.expands === null
        ? null
        : plan.expands.filter((e) => e.startsWith(REPORT_PREFIX)).map((e) => e.slice(REPORT_PREFIX.length)))
    const knows = (adapter: Adapter.AnyAdapter, expand: string) =>
      adapter.expands.all.includes(expand) || Object.hasOwn(adapter.expands.aliases ?? {}, expand)
    const unknownExpands = askedExpands.filter((e) => !adapters.some((a) => knows(a, e)))
    const unknownReports = (askedReports ?? []).filter(
      (r) => !adapters.some((a) => a.reports.all.includes(r))
    )
    const unknownValues = new Map<string, Wire.UnknownExpand>()
    const byAdapter = new Map<string, Adapter.RequestOptions>()
    for (const adapter of adapters) {
      const own = askedExpands.filter((e) => knows(adapter, e) || unknownExpands.includes(e))
      const expands = plan.expands === null || own.length === 0 ? adapter.expands.defaults : own
      const reports = (askedReports ?? Wire.reportsOf(adapter.expands.defaults)).filter(
        (r) => adapter.reports.all.includes(r) || unknownReports.includes(r)
      )
      const options: Adapter.RequestOptions = {
        expands,
        reports,
        ...(plan.language === null ? {} : { language: plan.language })
      }
      for (const unknown of Wire.chooseExpands(adapter, options).unknown) {
        const key = `${unknown.kind}:${unknown.value}`
        if (unknownValues.get(key)?.suggestion === undefined) unknownValues.set(key, unknown)
      }
      byAdapter.set(adapter.id, options)
    }
    return {
      optionsFor: (adapter: Adapter.AnyAdapter) => byAdapter.get(adapter.id) ?? { reports: [] },
      warnings: [...unknownValues.values()].map((unknown) =>
        Wire.describeUnknownExpand(unknown.kind === "expand" ? "--expand" : "--reports", unknown)
      )
    }
  })
