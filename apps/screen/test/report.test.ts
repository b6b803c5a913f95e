import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { createHash } from "node:crypto"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { diffRuns } from "../src/report/diffRuns.js"
import { entityDirName } from "../src/plan/entityDirName.js"
import { renderCsv } from "../src/report/renderCsv.js"
import { renderHtml } from "../src/report/renderHtml.js"
import { renderJson } from "../src/report/renderJson.js"
import { renderXlsx } from "../src/report/renderXlsx.js"
import { countUnknownFields } from "../src/report/runMetadata.js"
import { SIMULATED_BANNER } from "../src/report/RunReport.js"
import { safeCell } from "../src/internal/safeCell.js"
import { writeReports } from "../src/report/writeReports.js"
import { entities, report } from "./reportFixture.js"
import { XLSX, tempDir } from "./helpers.js"

describe("safeCell", () => {
  it.each(["=1+1", "+47", "-2", "@SUM(A1)", "\tx", "\rx"])("neutralises %j", (value) => {
    expect(safeCell(value)).toBe(`'${value}`)
  })
  it("leaves ordinary text alone", () => expect(safeCell("Equinor ASA")).toBe("Equinor ASA"))
  it("replaces control characters an XLSX or CSV cannot carry, keeping tab and line breaks", () => {
    expect(safeCell("K-1\u0000x\u000by\u001fz\tw\r\nv")).toBe("K-1\uFFFDx\uFFFDy\uFFFDz\tw\r\nv")
    expect(safeCell("\u0000=1+1")).toBe("\uFFFD=1+1")
  })
})

const book = XLSX.read(await renderXlsx(report()), { type: "buffer" })

describe("renderXlsx", () => {
  const rows = (name: string) => XLSX.utils.sheet_to_json<Array<unknown>>(book.Sheets[name]!, { header: 1 })

  it("has the six sheets, each with the simulated banner first", () => {
    expect(book.SheetNames).toEqual(["Summary", "Hits", "Changes", "Entities", "Rejected", "Failures"])
    for (const name of book.SheetNames) expect(rows(name)[0]).toEqual([SIMULATED_BANNER])
  })

  it("neutralises formulas and masks national ids", () => {
    const entityRows = rows("Entities")
    const flat = JSON.stringify(entityRows)
    expect(flat).toContain("'=HYPERLINK")
    expect(flat).toContain("014180*****")
    expect(flat).not.toContain("01418012345")
    expect(JSON.stringify(rows("Rejected"))).toContain("'-K6")
    expect(
      rows("Hits")
        .slice(2)
        .map((r) => r[4])
    ).toEqual(["PEP", "Sanction"])
  })

  it("says in the Summary which sessions were taken over from an earlier run, and only then", async () => {
    const summary = async (r: ReturnType<typeof report>) =>
      XLSX.utils.sheet_to_json<Array<unknown>>(
        XLSX.read(await renderXlsx(r), { type: "buffer" }).Sheets["Summary"]!,
        {
          header: 1
        }
      )
    const taken = await summary(
      report({ takenOver: { fromRunId: "run-0", sessions: 3, gone: 1, unknown: 2 } })
    )
    expect(taken).toContainEqual(["Sessions taken over", "3 from run run-0"])
    expect(taken).toContainEqual(["Taken-over sessions gone (created again)", 1])
    expect(taken).toContainEqual(["Unknown creates of that run not sent again", 2])
    expect(JSON.stringify(await summary(report()))).not.toContain("taken over")
  })

  it("lists the result fields the client does not know, by adapter and path, with counts", async () => {
    const list = [
      { ...entities[0]!, unknownFields: ["keyInformation.newField", "roles[].since"] },
      { ...entities[1]!, adapterId: entities[0]!.adapterId, unknownFields: ["roles[].since"] },
      ...entities.slice(2)
    ]
    const adapter = entities[0]!.adapterId
    const counted = countUnknownFields(list)
    expect(counted).toEqual([
      { path: `${adapter}:roles[].since`, count: 2 },
      { path: `${adapter}:keyInformation.newField`, count: 1 }
    ])
    const sheet = XLSX.utils.sheet_to_json<Array<unknown>>(
      XLSX.read(await renderXlsx(report({ unknownFields: counted })), { type: "buffer" }).Sheets["Summary"]!,
      { header: 1 }
    )
    expect(sheet).toContainEqual(["Result fields the client does not know", 2])
    expect(sheet).toContainEqual([`Unknown field ${adapter}:roles[].since`, 2])
    expect(JSON.parse(await renderJson(report({ unknownFields: counted })))).toMatchObject({
      run: { unknownFields: counted }
    })
    expect(countUnknownFields(entities)).toEqual([])
  })

  it("shows national ids when the run reveals them", async () => {
    const revealed = XLSX.read(await renderXlsx(report({ revealIds: true })), { type: "buffer" })
    expect(JSON.stringify(XLSX.utils.sheet_to_json(revealed.Sheets["Entities"]!, { header: 1 }))).toContain(
      "01418012345"
    )
  })
})

describe("renderCsv / renderJson / renderHtml", () => {
  it("writes the header first, then one CSV row per entity, each marked SIMULATED when it is", async () => {
    const lines = async (simulated: boolean) =>
      (await renderCsv(report(simulated ? {} : { simulated: false, environment: "prod" })))
        .replace(/^\uFEFF/, "")
        .split("\r\n")
        .filter((l) => l !== "")
    const simulated = await lines(true)
    expect(simulated[0]?.startsWith("Data;Reference;")).toBe(true)
    expect(simulated).toHaveLength(1 + entities.length)
    for (const line of simulated.slice(1)) expect(line.startsWith("SIMULATED;")).toBe(true)
    const real = await lines(false)
    expect(real[0]).toBe(simulated[0])
    for (const line of real.slice(1)) expect(line.startsWith("BankID prod;")).toBe(true)
    expect(real.join("\n")).not.toContain("SIMULATED")
  })

  it("gives JSON the agreed top-level keys without raw national ids", async () => {
    const json: unknown = JSON.parse(await renderJson(report()))
    expect(Object.keys(json as object)).toEqual([
      "banner",
      "summary",
      "entities",
      "rejected",
      "failures",
      "changes",
      "run"
    ])
    expect(await renderJson(report())).not.toContain("01418012345")
  })

  it("streams the same JSON bytes as JSON.stringify of the whole report, with and without records", async () => {
    for (const r of [report(), report({ simulated: false, environment: "prod" }, [])]) {
      const whole = JSON.stringify(
        {
          ...(r.run.simulated ? { banner: SIMULATED_BANNER } : {}),
          summary: r.summary,
          entities: r.entities.map(({ identifier, identifierMasked, ...rest }) => ({
            ...rest,
            identifier: r.run.revealIds ? identifier : identifierMasked
          })),
          rejected: r.rejected,
          failures: r.failures,
          changes: r.changes,
          run: r.run
        },
        null,
        2
      )
      expect(await renderJson(r)).toBe(whole)
    }
  })

  it("renders a self-contained HTML page with SVG charts and the banner", async () => {
    const html = await renderHtml(report())
    expect(html).toContain(SIMULATED_BANNER)
    expect(html.match(/<svg /g)).toHaveLength(3)
    expect(html).not.toMatch(/<script|<link|src="http/i)
    expect(html).toContain("=HYPERLINK(&quot;")
    expect(html).not.toContain('=HYPERLINK("http://evil")')
  })
})

describe("writeReports", () => {
  it("writes the four reports and a manifest whose hashes match", async () => {
    const dir = tempDir()
    const manifest = await writeReports(dir, report())
    expect(manifest.files.map((f) => f.path)).toEqual([
      "report.csv",
      "report.html",
      "report.json",
      "report.xlsx"
    ])
    for (const file of manifest.files) {
      const bytes = readFileSync(join(dir, file.path))
      expect(file.sha256).toBe(createHash("sha256").update(bytes).digest("hex"))
      expect(statSync(join(dir, file.path)).mode & 0o777).toBe(0o600)
    }
    expect(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"))).toMatchObject({
      banner: SIMULATED_BANNER
    })
  })

  it("lists a file the journal recorded with its recorded size and hash, without reading it again", async () => {
    const dir = tempDir()
    mkdirSync(join(dir, "entities", "k-1"), { recursive: true })
    writeFileSync(join(dir, "entities", "k-1", "aml.pdf"), "%PDF-1.7 recorded")
    writeFileSync(join(dir, "entities", "k-1", "result.json"), "{}")
    const recorded = new Map([["entities/k-1/aml.pdf", { bytes: 17, sha256: "a".repeat(64) }]])
    const manifest = await writeReports(dir, report(), recorded)
    const byPath = new Map(manifest.files.map((f) => [f.path, f]))
    // The recorded entry is taken as it is (this hash is not the file's: it shows it was not read).
    expect(byPath.get("entities/k-1/aml.pdf")).toEqual({
      path: "entities/k-1/aml.pdf",
      bytes: 17,
      sha256: "a".repeat(64)
    })
    // A file without a record is hashed from disk.
    expect(byPath.get("entities/k-1/result.json")?.sha256).toBe(
      createHash("sha256").update("{}").digest("hex")
    )
  })
})

describe("diffRuns", () => {
  it("reports new, removed and changed entities, and ignores failed look-ups", () => {
    const previous = report(
      { runId: "run-0" },
      entities.filter((e) => e.key !== "k-clear")
    )
    const changed = entities.map((e) =>
      e.key === "k-bankrupt" && e.summary !== null
        ? { ...e, summary: { ...e.summary, flags: [], name: "Konkurs AS (ny)" } }
        : e.key === "k-sanction"
          ? { ...e, key: "k-sanction-2" }
          : e
    )
    const changes = diffRuns(previous, report({}, changed))
    expect(changes.map((c) => `${c.kind}:${c.key}`).sort()).toEqual([
      "flags:k-bankrupt",
      "name:k-bankrupt",
      "new:k-clear",
      "new:k-sanction-2",
      "removed:k-sanction"
    ])
    expect(changes.find((c) => c.kind === "flags")).toMatchObject({ before: "BANKRUPT", after: "none" })
  })
})

describe("entityDirName", () => {
  it("uses a safe reference, else the keyed hash", () => {
    const taken = new Set<string>()
    expect(entityDirName("K-1001", "abc", taken)).toBe("K-1001")
    expect(entityDirName("K-1001", "def", taken)).toBe("def")
    expect(entityDirName("../etc", "ghi", taken)).toBe("ghi")
    expect(entityDirName("01418012345", "jkl", taken)).toBe("jkl")
    expect(entityDirName(null, "mno", taken)).toBe("mno")
  })

  it.each([
    "CON",
    "con",
    "PRN",
    "AUX",
    "NUL",
    "COM1",
    "com9",
    "COM0",
    "LPT1",
    "lpt9",
    "CON.txt",
    "nul.tar.gz"
  ])("never uses the Windows device name %s", (reference) =>
    expect(entityDirName(reference, "hash", new Set())).toBe("hash")
  )

  it("never uses a name Windows would change (trailing dot) or a second name equal but for case", () => {
    const taken = new Set<string>()
    expect(entityDirName("trailing", "h1", taken)).toBe("trailing")
    expect(entityDirName("trailing.", "h2", taken)).toBe("h2")
    expect(entityDirName("other.", "h3", taken)).toBe("h3")
    expect(entityDirName("ABC", "h4", taken)).toBe("ABC")
    expect(entityDirName("abc", "h5", taken)).toBe("h5")
    expect(entityDirName("x".repeat(65), "h6", taken)).toBe("h6")
  })

  it("never uses a reference that carries a national identity number, whatever its grouping", () => {
    for (const reference of ["K-019124-99975", "000101-2384", "131052-308T"])
      expect(entityDirName(reference, "hash", new Set())).toBe("hash")
  })
})
