import { Context, Effect, Layer } from "effect"
import type { AnyAdapter } from "./Adapter.js"
import { AdapterConflict, AdapterNotFound } from "./Errors.js"
import type { Redaction } from "./Logging.js"

/**
 * Adapters by id. Adding a country registers one more adapter; the core does not change. The
 * country facts the core needs at run time (identity numbers to redact, ...) are collected here.
 */
export interface AdapterRegistryShape {
  readonly register: (adapter: AnyAdapter) => Effect.Effect<void, AdapterConflict>
  readonly get: (id: string) => Effect.Effect<AnyAdapter, AdapterNotFound>
  /**
   * Registers `adapter` unless it is registered already (the very same object); another adapter
   * under its id is a conflict. For callers that hold the adapter object (the Promise API).
   */
  readonly ensure: (adapter: AnyAdapter) => Effect.Effect<void, AdapterConflict>
  readonly all: Effect.Effect<ReadonlyArray<AnyAdapter>>
  /**
   * The identity numbers of every adapter registered so far, for the logger: read synchronously
   * at every log line, so an adapter registered later is redacted from then on.
   */
  readonly redaction: () => Redaction
}

export class AdapterRegistry extends Context.Tag("@nordscreen/core/AdapterRegistry")<
  AdapterRegistry,
  AdapterRegistryShape
>() {}

const global = (pattern: RegExp): RegExp =>
  pattern.flags.includes("g") ? pattern : new RegExp(pattern.source, `${pattern.flags}g`)

/** The redaction of a set of adapters: the union of their identity-number facts. */
export const redactionOf = (adapters: Iterable<AnyAdapter>): Redaction => {
  const patterns = new Map<string, RegExp>()
  const fieldNames = new Set<string>()
  for (const adapter of adapters) {
    for (const pattern of adapter.facts.identityNumbers.patterns)
      patterns.set(`${pattern.source}/${pattern.flags}`, global(pattern))
    for (const name of adapter.facts.identityNumbers.fieldNames) fieldNames.add(name.toLowerCase())
  }
  return { patterns: [...patterns.values()], fieldNames }
}

export const makeAdapterRegistry = (
  adapters: ReadonlyArray<AnyAdapter> = []
): Effect.Effect<AdapterRegistryShape, AdapterConflict> =>
  Effect.gen(function* () {
    // Each operation is one synchronous step, so a plain map cannot be seen half-updated.
    const byId = new Map<string, AnyAdapter>()
    let redaction = redactionOf([])
    const add = (adapter: AnyAdapter) => {
      byId.set(adapter.id, adapter)
      redaction = redactionOf(byId.values())
    }
    const register = (adapter: AnyAdapter) =>
      Effect.suspend(() => {
        if (byId.has(adapter.id)) return Effect.fail(new AdapterConflict({ adapterId: adapter.id }))
        add(adapter)
        return Effect.void
      })
    for (const adapter of adapters) yield* register(adapter)
    const ensure = (adapter: AnyAdapter) =>
      Effect.suspend(() => {
        const known = byId.get(adapter.id)
        if (known === undefined) add(adapter)
        else if (known !== adapter) return Effect.fail(new AdapterConflict({ adapterId: adapter.id }))
        return Effect.void
      })
    return {
      register,
      ensure,
      get: (id) =>
        Effect.suspend(() => {
          const adapter = byId.get(id)
          return adapter === undefined
            ? Effect.fail(new AdapterNotFound({ adapterId: id, known: [...byId.keys()] }))
            : Effect.succeed(adapter)
        }),
      all: Effect.sync(() => [...byId.values()]),
      redaction: () => redaction
    } satisfies AdapterRegistryShape
  })

export const adapterRegistryLayer = (
  adapters: ReadonlyArray<AnyAdapter> = []
): Layer.Layer<AdapterRegistry, AdapterConflict> =>
  Layer.effect(AdapterRegistry, makeAdapterRegistry(adapters))
