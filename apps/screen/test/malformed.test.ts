import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect, Either } from "effect"
import { describe, expect, it } from "vitest"
import { allAdapters } from "../src/cli/adapters.js"
import { runValidate } from "../src/validate/runValidate.js"
import { cases, type MalformedCase } from "./fixtures/make-malformed.js"
import { tempDir } from "./helpers.js"

const committed = fileURLToPath(new URL("./fixtures/malformed/", import.meta.url))
const out = tempDir()
const bigDir = tempDir()

const validate = (dir: string, c: MalformedCase) =>
  Effect.runPromise(
    Effect.either(
      runValidate({
        portfolio: join(dir, c.name),
        adapters: allAdapters,
        mode: "test",
        outDir: join(out, c.name),
        read: { sheet: c.options?.sheet, maxFileBytes: c.options?.maxFileBytes }
      })
    )
  )

const check = async (dir: string, c: MalformedCase) => {
  const result = await validate(dir, c)
  if ("file" in c.expect) {
    expect(Either.isLeft(result), `${c.name} should fail as a file`).toBe(true)
    if (Either.isLeft(result)) {
      expect(result.left).toMatchObject({ _tag: "PortfolioFileError", reason: c.expect.file })
      expect(result.left.message.length).toBeGreaterThan(10)
    }
    return
  }
  if (Either.isLeft(result)) throw new Error(`${c.name}: unexpected file error ${result.left.message}`)
  const { counts } = result.right
  for (const [code, n] of Object.entries(c.expect.rejected))
    expect(counts.rejectedByCode[code] ?? 0, code).toBe(n)
  if (Object.keys(c.expect.rejected).length === 0) expect(counts.rejected).toBe(0)
  expect(counts.entities).toBe(c.expect.entities)
  if (c.expect.rows !== undefined) expect(counts.rows).toBe(c.expect.rows)
  for (const rejected of result.right.firstRejected) {
    expect(rejected.rowNumber).toBeGreaterThan(1)
    expect(rejected.message).not.toBe("")
  }
}

describe("malformed-input corpus", () => {
  it("has at least 30 cases", () => expect(cases.length).toBeGreaterThanOrEqual(30))

  it("committed text fixtures are what the generator writes", () => {
    for (const c of cases.filter((c) => c.big !== true && !c.name.endsWith(".xlsx")))
      expect(readFileSync(join(committed, c.name)).equals(c.build()), c.name).toBe(true)
  })

  for (const c of cases.filter((c) => c.big !== true)) {
    it(`${c.name}: ${c.description}`, () => check(committed, c))
  }

  it("neutralises formula-like values in rejected.csv", async () => {
    const c = cases.find((c) => c.name === "formula-injection.csv")!
    await check(committed, c)
    const written = readFileSync(join(out, c.name, "rejected.csv"), "utf8")
    expect(written).toContain("'@SUM(1)")
    expect(written).not.toMatch(/(^|;)@SUM/m)
  })

  describe("big inputs generated at test time", () => {
    for (const c of cases.filter((c) => c.big === true)) {
      it(`${c.name}: ${c.description}`, async () => {
        writeFileSync(join(bigDir, c.name), c.build())
        await check(bigDir, c)
      }, 120_000)
    }
  })
})
