import { Context, Effect, Layer, Ref } from "effect"
import type { AnyAdapter } from "./Adapter.js"
import { AdapterConflict, AdapterNotFound } from "./Errors.js"

/** Adapters by id. Adding a country registers one more adapter; the core does not change. */
export interface AdapterRegistryShape {
  readonly register: (adapter: AnyAdapter) => Effect.Effect<void, AdapterConflict>
  readonly get: (id: string) => Effect.Effect<AnyAdapter, AdapterNotFound>
  /**
   * Registers `adapter` unless it is registered already (the very same object); another adapter
   * under its id is a conflict. For callers that hold the adapter object (the Promise API).
   */
  readonly ensure: (adapter: AnyAdapter) => Effect.Effect<void, AdapterConflict>
  readonly all: Effect.Effect<ReadonlyArray<AnyAdapter>>
}

export class AdapterRegistry extends Context.Tag("@nordscreen/core/AdapterRegistry")<
  AdapterRegistry,
  AdapterRegistryShape
>() {}

export const makeAdapterRegistry = (
  adapters: ReadonlyArray<AnyAdapter> = []
): Effect.Effect<AdapterRegistryShape, AdapterConflict> =>
  Effect.gen(function* () {
    const byId = yield* Ref.make(new Map<string, AnyAdapter>())
    const register = (adapter: AnyAdapter) =>
      Effect.flatMap(
        Ref.modify(byId, (map): readonly [boolean, Map<string, AnyAdapter>] =>
          map.has(adapter.id) ? [false, map] : [true, new Map(map).set(adapter.id, adapter)]
        ),
        (added) => (added ? Effect.void : Effect.fail(new AdapterConflict({ adapterId: adapter.id })))
      )
    for (const adapter of adapters) yield* register(adapter)
    const ensure = (adapter: AnyAdapter) =>
      Effect.flatMap(
        Ref.modify(byId, (map): readonly [boolean, Map<string, AnyAdapter>] => {
          const known = map.get(adapter.id)
          if (known === undefined) return [true, new Map(map).set(adapter.id, adapter)]
          return [known === adapter, map]
        }),
        (fits) => (fits ? Effect.void : Effect.fail(new AdapterConflict({ adapterId: adapter.id })))
      )
    return {
      register,
      ensure,
      get: (id) =>
        Effect.flatMap(Ref.get(byId), (map) => {
          const adapter = map.get(id)
          return adapter === undefined
            ? Effect.fail(new AdapterNotFound({ adapterId: id, known: [...map.keys()] }))
            : Effect.succeed(adapter)
        }),
      all: Effect.map(Ref.get(byId), (map) => [...map.values()])
    } satisfies AdapterRegistryShape
  })

export const adapterRegistryLayer = (
  adapters: ReadonlyArray<AnyAdapter> = []
): Layer.Layer<AdapterRegistry, AdapterConflict> =>
  Layer.effect(AdapterRegistry, makeAdapterRegistry(adapters))
