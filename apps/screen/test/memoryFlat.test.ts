import { createWriteStream } from "node:fs"
import { once } from "node:events"
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { allAdapters } from "../src/cli/adapters.js"
import { runValidate } from "../src/validate/runValidate.js"
import { tempDir } from "./helpers.js"

const dir = tempDir()

/** Valid synthetic organisation numbers on the 91xxxxxxx range (mod 11, skipping stems with no check digit). */
const orgnr = (n: number): string | undefined => {
  const stem = `91${String(n).padStart(6, "0")}`
  const sum = [3, 2, 7, 6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * Number(stem[i]), 0)
  const check = (11 - (sum % 11)) % 11
  return check === 10 ? undefined : stem + check
}

const ROWS = 200_000

const writePortfolio = async (path: string) => {
  const out = createWriteStream(path)
  out.write("Kundenummer;Type;Land;Organisasjonsnummer;Navn\n")
  for (let i = 0; i < ROWS; i++) {
    // Every 10th row is bad (missing number), every 7th repeats an earlier company.
    const id = i % 10 === 9 ? "" : (orgnr(i % 7 === 6 ? i - 1 : i) ?? "910000012")
    if (!out.write(`K${i};Foretak;Norge;${id};Firma ${i} AS\n`)) await once(out, "drain")
  }
  out.end()
  await once(out, "finish")
}

describe("validate on a 200,000-row CSV", () => {
  it("streams every row through and counts them", async () => {
    const path = join(dir, "big.csv")
    await writePortfolio(path)
    const result = await Effect.runPromise(
      runValidate({ portfolio: path, adapters: allAdapters, mode: "test", outDir: join(dir, "out") })
    )
    const { counts } = result
    expect(counts.rows).toBe(ROWS)
    expect(counts.rejected).toBe(ROWS / 10)
    expect(counts.entities + counts.duplicates + counts.rejected).toBe(ROWS)
    expect(counts.duplicates).toBeGreaterThan(ROWS / 10)
    expect(result.firstRejected).toHaveLength(50)
  }, 120_000)
})
