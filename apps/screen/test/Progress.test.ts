import { describe, expect, it } from "vitest"
import { makeProgress } from "../src/execute/Progress.js"

const capture = (isTTY: boolean) => {
  const written: Array<string> = []
  return { output: { isTTY, write: (text: string) => written.push(text) }, written }
}

describe("progress", () => {
  it("without a terminal prints plain lines with done/total, rate, hits and failures", () => {
    const { output, written } = capture(false)
    const progress = makeProgress(output, 60_000)
    progress.start(10, 2)
    progress.entity("hit")
    progress.entity("clear")
    progress.entity("unknown")
    progress.stop()
    expect(written[0]).toMatch(/^progress: 20% {2}2\/10 entities .*hits 0 {2}failures 0\n$/)
    expect(written.at(-1)).toMatch(
      /^progress: 50% {2}5\/10 entities {2}[\d.]+\/s {2}ETA - {2}hits 1 {2}failures 1\n$/
    )
    expect(written.every((line) => !line.includes("\x1b"))).toBe(true)
  })

  it("on a terminal redraws one bar in place and ends it with a newline", () => {
    const { output, written } = capture(true)
    const progress = makeProgress(output, 60_000)
    progress.start(4, 0)
    progress.entity("failed")
    progress.stop()
    expect(written.every((line) => line.startsWith("\r\x1b[2K"))).toBe(true)
    expect(written.at(-1)).toContain("1/4 entities")
    expect(written.at(-1)).toContain("failures 1")
    expect(written.at(-1)?.endsWith("\n")).toBe(true)
  })
})
