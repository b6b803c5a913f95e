import { readFileSync } from "node:fs"
import { join } from "node:path"
import { type Simulator, startSimulator } from "@nordscreen/simulator"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { allAdapters } from "../src/cli/adapters.js"
import { renderValidate } from "../src/cli/renderValidate.js"
import { runScreen } from "../src/run/runScreen.js"
import { runValidate } from "../src/validate/runValidate.js"
import { XLSX, tempDir, writeText } from "./helpers.js"
import { defaultPlan, orgNumber, screenOptions } from "./screenHelpers.js"
import { syntheticHetu, syntheticNoPersonNumber, syntheticSePersonnummer } from "./syntheticIds.js"

const dir = tempDir()
let sim: Simulator
beforeAll(async () => {
  sim = await startSimulator({ port: 0, jsonDelayMs: 20, reportDelayMs: 20 })
})
afterAll(async () => {
  await sim.stop()
})

// National identity numbers where no identifier is expected: as a customer reference (entity and
// rejected row), in the name of an entity whose look-up fails, in an organisation column.
const ids = {
  reference: syntheticNoPersonNumber(1),
  rejectedReference: syntheticSePersonnummer(2),
  hetuReference: syntheticHetu(3),
  inOrgColumn: syntheticNoPersonNumber(40),
  inName: syntheticNoPersonNumber(70)
}
const portfolio = writeText(
  dir,
  "ids.csv",
  [
    "Kundenummer;Land;Organisasjonsnummer;Navn",
    `${ids.reference};NO;${orgNumber(1)};Firma 1 AS`,
    `K-2 ${ids.rejectedReference};NO;923609017;Firma 2 AS`,
    `${ids.hetuReference};NO;${orgNumber(3)};Firma 3 AS`,
    `K-4;NO;${ids.inOrgColumn};Firma 4 AS`,
    // 910000098: the simulator's ORGANIZATION_NOT_FOUND fixture, so the portfolio's name stays.
    `K-5;NO;910000098;Kunde ${ids.inName}`
  ].join("\n")
)

/** The text of every output, keyed by file; the workbook as CSV of each sheet. */
const outputsOf = (runDir: string): Readonly<Record<string, string>> => {
  const book = XLSX.readFile(join(runDir, "report.xlsx"))
  return {
    "report.csv": readFileSync(join(runDir, "report.csv"), "utf8"),
    "report.json": readFileSync(join(runDir, "report.json"), "utf8"),
    "report.html": readFileSync(join(runDir, "report.html"), "utf8"),
    "report.xlsx": book.SheetNames.map((name) => XLSX.utils.sheet_to_csv(book.Sheets[name]!)).join("\n")
  }
}

/** Which of the ids (with or without their separator) each output shows. */
const shown = (outputs: Readonly<Record<string, string>>) =>
  Object.fromEntries(
    Object.entries(outputs).map(([file, text]) => [
      file,
      Object.entries(ids)
        .filter(([, id]) => text.includes(id) || text.includes(id.replace("-", "")))
        .map(([name]) => name)
    ])
  )

const screen = (name: string, revealIds: boolean) =>
  Effect.runPromise(
    runScreen(
      screenOptions(sim.url, join(dir, `out-${name}`), portfolio, join(dir, `ws-${name}`), {
        plan: { ...defaultPlan, revealIds }
      })
    )
  )

describe("national identity numbers in free-text fields of the screen reports", () => {
  it("are masked in report.csv/html/json/xlsx, and shown with --reveal-ids", async () => {
    const masked = await screen("masked", false)
    expect(masked.report.summary).toMatchObject({ entities: 3, rejectedRows: 2, failures: 1 })
    expect(shown(outputsOf(masked.runDir))).toEqual({
      "report.csv": [],
      "report.json": [],
      "report.html": [],
      "report.xlsx": []
    })

    const revealed = await screen("revealed", true)
    const all = ["reference", "rejectedReference", "hetuReference", "inOrgColumn", "inName"]
    expect(shown(outputsOf(revealed.runDir))).toEqual({
      // report.csv lists entities only.
      "report.csv": ["reference", "hetuReference", "inName"],
      "report.json": all,
      "report.html": all,
      "report.xlsx": all
    })
  })
})

describe("national identity numbers in free-text fields of validate's outputs", () => {
  const validate = (name: string, revealIds: boolean) =>
    Effect.runPromise(
      runValidate({ portfolio, adapters: allAdapters, mode: "test", outDir: join(dir, name), revealIds })
    )
  const texts = (result: Awaited<ReturnType<typeof validate>>) => ({
    "rejected.csv": readFileSync(join(result.outDir, "rejected.csv"), "utf8"),
    "rejected.json": readFileSync(join(result.outDir, "rejected.json"), "utf8"),
    table: renderValidate(result)
  })

  it("are masked in rejected.csv/json and the terminal table, and shown with --reveal-ids", async () => {
    const masked = await validate("validate-masked", false)
    expect(masked.counts.rejected).toBe(2)
    expect(shown(texts(masked))).toEqual({ "rejected.csv": [], "rejected.json": [], table: [] })
    const revealed = await validate("validate-revealed", true)
    const rejected = ["rejectedReference", "inOrgColumn"]
    expect(shown(texts(revealed))).toEqual({
      "rejected.csv": rejected,
      "rejected.json": rejected,
      table: rejected
    })
  })
})
