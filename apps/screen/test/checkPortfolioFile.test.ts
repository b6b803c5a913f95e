import { execFileSync } from "node:child_process"
import { mkdirSync, symlinkSync } from "node:fs"
import { join } from "node:path"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { allAdapters } from "../src/cli/adapters.js"
import { checkPortfolioFile } from "../src/ingest/checkPortfolioFile.js"
import { readPortfolio } from "../src/ingest/readPortfolio.js"
import { runValidate } from "../src/validate/runValidate.js"
import { tempDir, writeText } from "./helpers.js"

const dir = tempDir()
const fifo = (name: string) => {
  const path = join(dir, name)
  execFileSync("mkfifo", [path])
  return path
}
const link = (name: string, target: string) => {
  const path = join(dir, name)
  symlinkSync(target, path)
  return path
}

const openError = (path: string) => Effect.runPromise(Effect.flip(Effect.scoped(readPortfolio(path))))

describe("checkPortfolioFile", () => {
  it("names what a path is when it is not a regular file", async () => {
    mkdirSync(join(dir, "folder.csv"))
    const cases: ReadonlyArray<readonly [string, string]> = [
      [fifo("pipe.csv"), "is a named pipe (FIFO), not a regular file"],
      [link("zero.csv", "/dev/zero"), "is a symbolic link to a character device, not a regular file"],
      [join(dir, "folder.csv"), "is a directory, not a regular file"]
    ]
    for (const [path, says] of cases)
      await expect(checkPortfolioFile(path)).rejects.toMatchObject({
        reason: "NOT_A_FILE",
        message: `${path} ${says}; give a CSV or XLSX file.`
      })
    await expect(checkPortfolioFile(join(dir, "nothing.csv"))).rejects.toMatchObject({ reason: "NOT_FOUND" })
    const real = writeText(dir, "real.csv", "Orgnr\n910000012\n")
    expect(await checkPortfolioFile(link("link.csv", real))).toEqual({ size: 16 })
  })

  // Each of these used to block on open() (a FIFO without a writer) or read without end.
  it("readPortfolio refuses a FIFO or /dev/zero under either extension at once", async () => {
    for (const path of [
      fifo("pipe2.csv"),
      fifo("pipe.xlsx"),
      link("zero2.csv", "/dev/zero"),
      link("zero.xlsx", "/dev/zero"),
      link("random.xlsx", "/dev/urandom")
    ])
      expect(await openError(path), path).toMatchObject({ reason: "NOT_A_FILE" })
  })

  it("validate refuses a FIFO at once", async () => {
    const path = fifo("pipe3.csv")
    const result = await Effect.runPromise(
      Effect.either(
        runValidate({ portfolio: path, adapters: allAdapters, mode: "test", outDir: join(dir, "out") })
      )
    )
    expect(result._tag === "Left" ? result.left : undefined).toMatchObject({ reason: "NOT_A_FILE" })
  })
})
