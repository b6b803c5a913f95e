import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { ORGANIZATION_EXPANDS, PERSON_EXPANDS } from "./data/index.js"
import { createSigningIdentity } from "./pdf/index.js"
import {
  DEFAULT_CLIENT,
  type SimulatorConfig,
  type SimulatorConfigPatch,
  type SimulatorOptions,
  type SimulatorStats
} from "./SimulatorOptions.js"
import { adminRoutes } from "./internal/admin.js"
import { SimulatorApp } from "./internal/app.js"
import { SimClock } from "./internal/clock.js"
import { applyPatch, checkPatch, configFromOptions } from "./internal/config.js"
import { failureOf, ReportRenderer } from "./internal/documents.js"
import { FaultInjector } from "./internal/faults.js"
import { issuerOf } from "./internal/oauth.js"
import { RateLimiter } from "./internal/rateLimiter.js"
import { TOKEN_PATH } from "./internal/router.js"
import { Scheduler } from "./internal/scheduler.js"
import { SessionStore } from "./internal/sessions.js"
import { Stats } from "./internal/stats.js"
import { resolveClient, TokenService } from "./internal/tokens.js"
import { WebhookDispatcher } from "./internal/webhooks.js"

export interface Simulator {
  /** Origin, e.g. http://127.0.0.1:4010; also the AML base URL. */
  readonly url: string
  readonly issuer: string
  readonly tokenUrl: string
  readonly discoveryUrl: string
  readonly signingCertificatePem: string
  readonly clock: { now(): number; advance(ms: number): void }
  stats(): SimulatorStats
  /** Changes the running configuration; throws on an invalid patch (like PUT /_sim/config's 400). */
  config(patch: SimulatorConfigPatch): void
  getConfig(): SimulatorConfig
  /** Clears counters and sessions. */
  reset(): void
  stop(): Promise<void>
}

const SWEEP_INTERVAL_MS = 60_000

const listen = (server: Server, port: number, host: string): Promise<AddressInfo> =>
  new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      server.off("error", reject)
      const address = server.address()
      if (address === null || typeof address === "string") reject(new Error("server has no TCP address"))
      else resolve(address)
    })
  })

const originOf = (options: SimulatorOptions, address: AddressInfo): string => {
  if (options.publicUrl !== undefined) return options.publicUrl.replace(/\/+$/, "")
  const host = address.address === "0.0.0.0" || address.address === "::" ? "127.0.0.1" : address.address
  return `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`
}

const clientsOf = (options: SimulatorOptions) => {
  const extra = options.clients ?? []
  const defaults = extra.some((c) => c.clientId === DEFAULT_CLIENT.clientId) ? [] : [DEFAULT_CLIENT]
  return [...defaults, ...extra].map(resolveClient)
}

/** Starts a simulator on `options.port` (0 = a free port) and resolves once it listens. */
export const startSimulator = async (options: SimulatorOptions = {}): Promise<Simulator> => {
  const initial = checkPatch(configFromOptions(options))
  if (initial._tag === "Bad") {
    throw new Error(
      `invalid simulator options: ${initial.problems.map((p) => `${p.field} ${p.issue}`).join("; ")}`
    )
  }
  const seed = options.seed ?? 1
  const clock = new SimClock()
  const stats = new Stats()
  const store = new SessionStore(seed)
  const scheduler = new Scheduler(clock)
  const identity = await createSigningIdentity(options.signing ?? {})
  const server = createServer({ keepAliveTimeout: 65_000 })
  const address = await listen(server, options.port ?? 0, options.host ?? "127.0.0.1")
  const origin = originOf(options, address)
  const tokens = await TokenService.create(issuerOf(origin), clientsOf(options))
  const faults = new FaultInjector(seed)
  const limiter = new RateLimiter()
  const renderer = new ReportRenderer(identity)
  let app: SimulatorApp | null = null
  const currentConfig = (): SimulatorConfig => app?.config ?? configFromOptions(options)
  const webhooks = new WebhookDispatcher(scheduler, clock, stats, currentConfig, failureOf)
  const sweep = () => store.sweep(clock.now())

  const reset = () => {
    stats.reset()
    store.clear()
    scheduler.clear()
    webhooks.reset()
    limiter.clear()
    faults.reset()
    renderer.clear()
  }
  const advance = (ms: number) => {
    clock.advance(ms)
    sweep()
  }
  const patchConfig = (patch: SimulatorConfigPatch): SimulatorConfig => {
    const checked = checkPatch(patch)
    if (checked._tag === "Bad") {
      throw new Error(
        `invalid simulator config: ${checked.problems.map((p) => `${p.field} ${p.issue}`).join("; ")}`
      )
    }
    const next = applyPatch(currentConfig(), checked.patch)
    if (app !== null) app.config = next
    return next
  }
  const statsSnapshot = () => stats.snapshot(store.size)

  app = new SimulatorApp(
    {
      clock,
      stats,
      store,
      webhooks,
      tokens,
      renderer,
      faults,
      limiter,
      seed,
      organizationExpands: new Set(ORGANIZATION_EXPANDS),
      personExpands: new Set(PERSON_EXPANDS),
      admin: adminRoutes({
        now: () => clock.now(),
        stats: statsSnapshot,
        reset,
        advance,
        getConfig: currentConfig,
        patchConfig,
        signingCertificatePem: identity.certificatePem
      })
    },
    configFromOptions(options)
  )
  app.origin = origin
  server.on("request", app.handle)
  const sweeper = setInterval(sweep, SWEEP_INTERVAL_MS)
  sweeper.unref()

  return {
    url: origin,
    issuer: issuerOf(origin),
    tokenUrl: `${origin}${TOKEN_PATH}`,
    discoveryUrl: `${issuerOf(origin)}/.well-known/openid-configuration`,
    signingCertificatePem: identity.certificatePem,
    clock: { now: () => clock.now(), advance },
    stats: statsSnapshot,
    config: (patch) => {
      patchConfig(patch)
    },
    getConfig: currentConfig,
    reset,
    stop: async () => {
      clearInterval(sweeper)
      scheduler.stop()
      webhooks.stop()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }
}
