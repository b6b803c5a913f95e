import { readFileSync } from "node:fs"
import { join, relative } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { allAdapters } from "../src/cli/adapters.js"
import { renderValidate } from "../src/cli/renderValidate.js"
import { runValidate } from "../src/validate/runValidate.js"
import { tempDir, writeText } from "./helpers.js"

const dir = tempDir()

describe("renderValidate", () => {
  it("names the written files whatever form --out takes (./x, x/, absolute)", async () => {
    const portfolio = writeText(dir, "plain.csv", "Kundenummer;Land;Organisasjonsnummer\nK-1;NO;923609017\n")
    const relativeOut = relative(process.cwd(), join(dir, "v"))
    for (const outDir of [`./${relativeOut}`, `${relativeOut}/`, join(dir, "abs")]) {
      const result = await Effect.runPromise(
        runValidate({ portfolio, adapters: allAdapters, mode: "test", outDir })
      )
      expect(renderValidate(result)).toContain(`Written to ${outDir}: rejected.csv, rejected.json`)
    }
  })

  it("writes no control character of a damaged cell into rejected.csv or the terminal", async () => {
    const portfolio = writeText(
      dir,
      "nul.csv",
      "Kundenummer;Land;Organisasjonsnummer\nK-1\u0000x;NO;92360\u000b9017\n"
    )
    const result = await Effect.runPromise(
      runValidate({ portfolio, adapters: allAdapters, mode: "test", outDir: join(dir, "nul") })
    )
    expect(result.counts.rejected).toBe(1)
    const csv = readFileSync(join(dir, "nul", "rejected.csv"), "utf8")
    expect(csv).toContain("K-1\uFFFDx")
    expect(csv.replace(/[\r\n]/g, "")).not.toMatch(/\p{Cc}/u)
    expect(renderValidate(result)).not.toMatch(/[^\P{Cc}\n]/u)
  })
})
