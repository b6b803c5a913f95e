import { execFile, execFileSync } from "node:child_process"
import { promisify } from "node:util"
import { readFileSync, statSync, symlinkSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { beforeAll, describe, expect, it } from "vitest"
import { rowXml, workbookZip } from "./fixtures/workbookZip.js"
import { tempDir, writeBytes, writeText, writeWorkbook } from "./helpers.js"

const root = fileURLToPath(new URL("../../../", import.meta.url))
const bin = join(root, "apps/screen/bin/nordscreen.js")
const out = tempDir()

const execFileAsync = promisify(execFile)

/**
 * Runs the built CLI. Asynchronously: a synchronous spawn blocks the test worker's event loop
 * for the whole run, and on a loaded machine vitest's worker RPC then times out.
 */
const run = async (...args: ReadonlyArray<string>) => {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [bin, ...args], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024
    })
    return { status: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string }
    return {
      status: typeof failed.code === "number" ? failed.code : null,
      stdout: failed.stdout ?? "",
      stderr: failed.stderr ?? ""
    }
  }
}

/** Builds the CLI this file runs (asynchronously, for the same reason). */
const build = () => execFileAsync("pnpm", ["--filter", "@nordscreen/screen", "build"], { cwd: root })

describe("the built nordscreen CLI", () => {
  beforeAll(async () => {
    await build()
  }, 120_000)

  it("validates the example portfolio: exit 1, summary, rejected files, owner-only directory", async () => {
    const dir = join(out, "example")
    const result = await run("validate", "examples/portfolio.csv", "--out", dir)
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

  it("exits 0 when nothing is rejected and 2 for file or usage errors", async () => {
    const clean = join(out, "clean.csv")
    execFileSync("sh", ["-c", `printf 'Orgnr;Land\\n910000012;NO\\n' > '${clean}'`])
    expect((await run("validate", clean, "--out", join(out, "clean"))).status).toBe(0)
    const missing = await run("validate", "does-not-exist.csv", "--out", join(out, "missing"))
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain("does not exist")
    expect((await run("validate", "--no-such-option")).status).toBe(2)
    expect((await run("validate", clean, "--map", "nonsense")).status).toBe(2)
  })

  it("prints help with examples", async () => {
    const help = await run("validate", "--help")
    expect(help.status).toBe(0)
    expect(help.stdout).toContain("nordscreen validate examples/portfolio.csv")
  })

  it("uses simulator fixtures in the example portfolio (PEP, sanction, bankrupt)", async () => {
    // apps/simulator/src/data/README.md: 15837512481 PEP, 910000020 SANCTION, 910000047 BANKRUPT.
    const example = readFileSync(join(root, "examples/portfolio.csv"), "latin1")
    for (const id of ["15837512481", "910000020", "910000047"]) expect(example).toContain(id)
  })

  it("refuses a FIFO and a link to /dev/zero at once with exit code 2, for screen and validate", async () => {
    const fifo = join(out, "pipe.csv")
    execFileSync("mkfifo", [fifo])
    const zero = join(out, "zero.xlsx")
    symlinkSync("/dev/zero", zero)
    for (const [path, says] of [
      [fifo, "is a named pipe (FIFO), not a regular file"],
      [zero, "is a symbolic link to a character device, not a regular file"]
    ] as const) {
      const validate = await run("validate", path, "--out", join(out, "v-refused"))
      expect(validate.status, validate.stderr).toBe(2)
      expect(validate.stderr).toContain(says)
      const screen = await run(
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

  it("validate writes a bounded rejected file for a shared string fanned out to every row", async () => {
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
    const result = await run("validate", path, "--out", dir)
    expect(result.status, result.stderr).toBe(1)
    // 5,000 rejected rows of a 30,000-character name: 150 MB as written before, ~1.5 MB bounded.
    expect(statSync(join(dir, "rejected.csv")).size).toBeLessThan(3_000_000)
    expect(readFileSync(join(dir, "rejected.csv"), "utf8")).toContain("… [truncated: 30,000 characters]")
  })
})

describe("validate on an English workbook with ordinary headers", () => {
  const english = [
    ["Customer ID", "Entity type", "Country", "Company/registration number", "National ID", "Name"],
    ["C1", "Company", "Norway", "910000012", "", "Fjordlys Teknikk AS"],
    ["C2", "Company", "Norway", "910000047", "", "Solbakken Bygg AS"],
    ["C3", "Person", "Norway", "", "15837512481", "Ingrid Fjellstad"]
  ]

  beforeAll(async () => {
    await build()
  }, 120_000)

  it("recognises every column, shows which field each fills, and rejects nothing", async () => {
    const csv = writeText(out, "english.csv", `${english.map((row) => row.join(",")).join("\r\n")}\r\n`)
    const xlsx = writeWorkbook(out, "english.xlsx", english)
    for (const file of [csv, xlsx]) {
      const dir = join(out, `english-${file.slice(-4)}`)
      const result = await run("validate", file, "--out", dir)
      expect(result.stdout).toContain("rejected rows   0")
      expect(result.stdout).toMatch(/"Company\/registration number"\s+→ organizationNumber/)
      expect(result.stdout).toMatch(/"National ID"\s+→ ssn/)
      expect(result.stdout).toMatch(/"Entity type"\s+→ type/)
      expect(result.stdout).toMatch(/"Customer ID"\s+→ reference/)
      expect(result.status, result.stderr).toBe(0)
      const json = JSON.parse(readFileSync(join(dir, "rejected.json"), "utf8")) as {
        columns: ReadonlyArray<{ column: string; field: string }>
      }
      expect(json.columns).toContainEqual({
        column: "Company/registration number",
        field: "organizationNumber"
      })
    }
  })

  it("reports a needed column it cannot find once, with the --map that fixes it, not row by row", async () => {
    const rows = english.map((row, i) =>
      i === 0 ? row.map((h) => (h.startsWith("Company") ? "Reg code" : h)) : row
    )
    const file = writeText(out, "unknown-column.csv", `${rows.map((row) => row.join(",")).join("\r\n")}\r\n`)
    const dir = join(out, "unknown-column")
    const result = await run("validate", file, "--out", dir)
    expect(result.status).toBe(1)
    expect(result.stdout).toContain("Header problems:")
    expect(result.stdout).toContain('--map "Reg code=organizationNumber"')
    expect(result.stdout).toContain("2 row(s) need it and were not screened, the first is row 2.")
    expect(result.stdout).toContain('not used: "Reg code"')
    expect(result.stdout).not.toContain("E_EMPTY")
    const csv = readFileSync(join(dir, "rejected.csv"), "utf8")
      .split("\r\n")
      .filter((l) => l !== "")
    expect(csv).toHaveLength(2)
    expect(csv[1]).toContain("E_NO_COLUMN")
    const fixed = await run(
      "validate",
      file,
      "--out",
      join(dir, "fixed"),
      "--map",
      "Reg code=organizationNumber"
    )
    expect(fixed.stdout).toContain("rejected rows   0")
    expect(fixed.status).toBe(0)
  })
})
