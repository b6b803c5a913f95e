import type { FaultRoute, SimulatorConfig } from "../SimulatorOptions.js"
import { createRandom } from "./random.js"

export type InjectedFault = "http500" | "http502" | "http503" | "reset"

export interface FaultDecision {
  /** Open 429 window: seconds left (≥ 1), else 0. */
  readonly burst429: number
  readonly openedWindow: boolean
  readonly fault: InjectedFault | null
  /** For create: inject after the session was created. */
  readonly afterCreate: boolean
  readonly slowMs: number
}

const NONE: FaultDecision = { burst429: 0, openedWindow: false, fault: null, afterCreate: false, slowMs: 0 }

/** Dice for injected faults; a seeded generator, so a run with the same seed faults the same way. */
export class FaultInjector {
  private random: () => number
  private windowEndsAt = 0

  constructor(private readonly seed: number) {
    this.random = createRandom(seed ^ 0x5bd1e995)
  }

  reset(): void {
    this.random = createRandom(this.seed ^ 0x5bd1e995)
    this.windowEndsAt = 0
  }

  decide(route: FaultRoute, config: SimulatorConfig, nowMs: number): FaultDecision {
    if (!config.faultRoutes.includes(route)) return NONE
    let openedWindow = false
    if (nowMs >= this.windowEndsAt && config.burst429Rate > 0 && this.random() < config.burst429Rate) {
      this.windowEndsAt = nowMs + config.burst429Ms
      openedWindow = true
    }
    if (nowMs < this.windowEndsAt) {
      return { ...NONE, burst429: Math.max(1, Math.ceil((this.windowEndsAt - nowMs) / 1000)), openedWindow }
    }
    const fault = config.faultRate > 0 && this.random() < config.faultRate ? this.pick(config) : null
    const afterCreate = fault !== null && route === "create" && this.random() < config.createFaultAfter
    const slowMs = config.slowRate > 0 && this.random() < config.slowRate ? config.slowMs : 0
    return { burst429: 0, openedWindow, fault, afterCreate, slowMs }
  }

  private pick(config: SimulatorConfig): InjectedFault | null {
    const weights = config.faultWeights
    const entries: ReadonlyArray<readonly [InjectedFault, number]> = [
      ["http500", weights.http500],
      ["http502", weights.http502],
      ["http503", weights.http503],
      ["reset", weights.reset]
    ]
    const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0)
    if (total <= 0) return null
    let roll = this.random() * total
    for (const [kind, weight] of entries) {
      roll -= Math.max(0, weight)
      if (roll < 0) return kind
    }
    return "http500"
  }
}
