import { execFileSync, spawnSync } from "node:child_process"
import { readFileSync, statSync, symlinkSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { beforeAll, describe, expect, it } from "vitest"
import { rowXml, workbookZip } from "./fixtures/workbookZip.js"
import { tempDir, writeBytes } from "./helpers.js"

const root = fileURLToPath(new URL("../../../", import.meta.url))
const bin = join(root, "apps/screen/bin/nordscreen.js")
const out = tempDir()

const run = (...args: ReadonlyArray<string>) =>
  spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", timeout: 60_000 })

describe("the built nordscreen CLI", () => {
  beforeAll(() => {
    execFileSync("pnpm", ["--filter", "@nordscreen/screen", "build"], { cwd: root, stdio: "pipe" })
  }, 120_000)

  it("validates the example portfolio: exit 1, summary, rejected files, owner-only directory", () => {
    const dir = join(out, "example")
    const result = run("validate", "examples/portfolio.csv", "--out", dir)
    expect(result.status).toBe(1)
    expect(result.stdout).toContain("rows read       25")
    expect(result.stdout).toContain("E_CHECKSUM")
    expect(result.stdout).toContain("No API call was made.")
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    const csv = readFileSync(join(dir, "rejected.csv"), "utf8")
    expect(csv.split("\r\n").filter((l) => l !== "")).toHaveLength(1 + 6)
    const json = JSON.parse(readFileSync(join(dir, "rejected.json"), "utf8")) as { summary: { rows: number } }
    expect(json.summary.rows).toBe(25)
    // National identity numbers never reach an output unmasked.
    expect(`${result.stdout}${csv}`).not.toMatch(/\b\d{11}\b/)
  })

  it("exits 0 when nothing is rejected and 2 for file or usage errors", () => {
    const clean = join(out, "clean.csv")
    execFileSync("sh", ["-c", `printf 'Orgnr;Land\\n910000012;NO\\n' > '${clean}'`])
    expect(run("validate", clean, "--out", join(out, "clean")).status).toBe(0)
    const missing = run("validate", "does-not-exist.csv", "--out", join(out, "missing"))
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain("does not exist")
    expect(run("validate", "--no-such-option").status).toBe(2)
    expect(run("validate", clean, "--map", "nonsense").status).toBe(2)
  })

  it("prints help with examples", () => {
    const help = run("validate", "--help")
    expect(help.status).toBe(0)
    expect(help.stdout).toContain("nordscreen validate examples/portfolio.csv")
  })

  it("uses simulator fixtures in the example portfolio (PEP, sanction, bankrupt)", () => {
    // apps/simulator/src/data/README.md: 15837512481 PEP, 910000020 SANCTION, 910000047 BANKRUPT.
    const example = readFileSync(join(root, "examples/portfolio.csv"), "latin1")
    for (const id of ["15837512481", "910000020", "910000047"]) expect(example).toContain(id)
  })

  it("refuses a FIFO and a link to /dev/zero at once with exit code 2, for screen and validate", () => {
    const fifo = join(out, "pipe.csv")
    execFileSync("mkfifo", [fifo])
    const zero = join(out, "zero.xlsx")
    symlinkSync("/dev/zero", zero)
    for (const [path, says] of [
      [fifo, "is a named pipe (FIFO), not a regular file"],
      [zero, "is a symbolic link to a character device, not a regular file"]
    ] as const) {
      const validate = run("validate", path, "--out", join(out, "v-refused"))
      expect(validate.status, validate.stderr).toBe(2)
      expect(validate.stderr).toContain(says)
      const screen = run(
        "screen",
        path,
        "--workspace",
        join(out, "ws-refused"),
        "--out",
        join(out, "s-refused")
      )
      expect(screen.status, screen.stderr).toBe(2)
      expect(screen.stderr).toContain(says)
    }
  })

  it("validate writes a bounded rejected file for a shared string fanned out to every row", () => {
    const sheet = [rowXml(1, [{ s: 0 }, { s: 1 }])]
    for (let i = 0; i < 5000; i++) sheet.push(rowXml(i + 2, [{ n: 910000012 }, { s: 2 }]))
    const path = writeBytes(
      out,
      "fan.xlsx",
      workbookZip({
        sharedStrings: ["Orgnr", "Navn", "W".repeat(30_000)],
        sheets: [{ name: "S", rows: sheet }]
      })
    )
    const dir = join(out, "fan")
    const result = run("validate", path, "--out", dir)
    expect(result.status, result.stderr).toBe(1)
    // 5,000 rejected rows of a 30,000-character name: 150 MB as written before, ~1.5 MB bounded.
    expect(statSync(join(dir, "rejected.csv")).size).toBeLessThan(3_000_000)
    expect(readFileSync(join(dir, "rejected.csv"), "utf8")).toContain("… [truncated: 30,000 characters]")
  })
})
