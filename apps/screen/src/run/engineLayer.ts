import {
  accessTokensLayer,
  type AmlConfigShape,
  amlConfigFrom,
  amlHttpLayer,
  ArtifactSink,
  type ArtifactSinkShape,
  DurableSteps,
  type LoggingOptions,
  loggingLayer,
  nodeHttpClientLayer,
  rateGateLayer,
  type SessionLifecycle,
  sessionEventsLayer,
  sessionLifecycleLayer
} from "@nordscreen/core"
import type { ServeError } from "@effect/platform/HttpServerError"
import { Layer } from "effect"
import type { JournalShape } from "../journal/Journal.js"
import { makeSqliteDurableSteps } from "../journal/sqliteDurableSteps.js"

/**
 * Core's engine (as `amlEngineLayer` builds it) with the runner's own durable steps: the SQLite
 * journal with uninterruptible steps, and the run directory as artifact sink.
 */
export const engineLayer = (
  settings: AmlConfigShape,
  journal: JournalShape,
  sink: ArtifactSinkShape,
  logging: LoggingOptions
): Layer.Layer<SessionLifecycle, ServeError> => {
  const foundation = Layer.merge(amlConfigFrom(settings), nodeHttpClientLayer)
  const services = Layer.mergeAll(
    accessTokensLayer(),
    rateGateLayer,
    sessionEventsLayer,
    Layer.succeed(DurableSteps, makeSqliteDurableSteps(journal)),
    Layer.succeed(ArtifactSink, sink)
  ).pipe(Layer.provideMerge(foundation))
  const engine = sessionLifecycleLayer.pipe(Layer.provide(amlHttpLayer.pipe(Layer.provideMerge(services))))
  return Layer.provideMerge(engine, loggingLayer(logging))
}
