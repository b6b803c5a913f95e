import { join } from "node:path"
import { type Adapter, Wire } from "@nordscreen/core"
import { orgNoAdapter } from "@nordscreen/org-no"
import { orgSeAdapter } from "@nordscreen/org-se"
import { type Simulator, startSimulator } from "@nordscreen/simulator"
import { Context, Effect, Layer, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Journal, journalLayer } from "../src/journal/Journal.js"
import type { EntityRecord } from "../src/report/RunReport.js"
import { reportContent } from "../src/report/buildReport.js"
import { runScreen } from "../src/run/runScreen.js"
import { tempDir, writeText } from "./helpers.js"
import { screenOptions, stopAfter } from "./screenHelpers.js"

const dir = tempDir()
let sim: Simulator

beforeAll(async () => {
  sim = await startSimulator({ port: 0, jsonDelayMs: 30, reportDelayMs: 30 })
})
afterAll(async () => {
  await sim.stop()
})

// Synthetic identifiers (test mode): a Norwegian and a Swedish company, a sole trader's
// personnummer in a Swedish organisation column, a person by number and one by name and birth date.
const portfolio = [
  "Kundenummer;Type;Land;Identifikator;Navn;Fødselsdato",
  "K-1;Foretak;Norge;910000012;Fjordlys Teknikk AS;",
  "K-2;Foretak;Sverige;559100-0012;Fjällbacka Verkstad AB;",
  "K-3;Foretak;Sverige;000101-2384;Anderssons Måleri;",
  "K-4;Person;Norge;12858840099;Marte Nygaard;12.05.1988",
  "K-5;Person;Norge;;Kari Nordmann;15.03.1985"
].join("\n")

const byReference = (entities: ReadonlyArray<EntityRecord>, reference: string) => {
  const entity = entities.find((e) => e.references.includes(reference))
  if (entity === undefined) throw new Error(`no entity for ${reference}`)
  return entity
}

const described = (e: EntityRecord) => ({
  identifier: e.identifier,
  identifierMasked: e.identifierMasked,
  country: e.country,
  kind: e.kind
})

describe("the report shows what each entity's adapter describes of its input", () => {
  it("identifier (masked where it is a national identity number), name, country and kind", async () => {
    const file = writeText(dir, "describe.csv", `${portfolio}\n`)
    const workspace = join(dir, "ws-describe")
    // One session at a time, stopped after the first: the last entity is never screened, so its
    // name is the one the portfolio gave (a screened entity shows the registry's name).
    const stop = stopAfter(1)
    const result = await Effect.runPromise(
      runScreen(
        screenOptions(
          sim.url,
          join(dir, "out"),
          file,
          workspace,
          { stop: stop.stop, progress: stop.progress },
          { maxInFlight: 1 }
        )
      )
    )
    const entities = [...result.report.entities]
    expect(entities).toHaveLength(5)
    expect(described(byReference(entities, "K-1"))).toEqual({
      identifier: "910000012",
      identifierMasked: "910000012",
      country: "NO",
      kind: "organization"
    })
    expect(described(byReference(entities, "K-2"))).toEqual({
      identifier: "559100-0012",
      identifierMasked: "559100-0012",
      country: "SE",
      kind: "organization"
    })
    expect(described(byReference(entities, "K-3"))).toEqual({
      identifier: "000101-2384",
      identifierMasked: "000101*****",
      country: "SE",
      kind: "organization"
    })
    expect(described(byReference(entities, "K-4"))).toEqual({
      identifier: "12858840099",
      identifierMasked: "128588*****",
      country: "NO",
      kind: "person"
    })
    const byName = byReference(entities, "K-5")
    expect(byName.outcome).toBe("failed")
    expect({ ...described(byName), name: byName.name }).toEqual({
      identifier: "Kari Nordmann 1985-03-15",
      identifierMasked: "Kari Nordmann 1985-03-15",
      country: "NO",
      kind: "person",
      name: "Kari Nordmann"
    })

    // The same journal reported with adapters that cannot describe some entities: person-no is
    // not registered, and org-no's stored inputs do not decode with the schema given here. Those
    // entities are still listed, with what the journal has (the masked subject).
    const orgNoChanged: Adapter.AnyAdapter = {
      ...orgNoAdapter,
      inputSchema: Wire.fromWire(Schema.Struct({ orgnr: Schema.String }))
    }
    const content = await Effect.runPromise(
      Effect.scoped(
        Effect.flatMap(Layer.build(journalLayer(workspace)), (ctx) =>
          reportContent(Context.get(ctx, Journal), result.runId, [orgNoChanged, orgSeAdapter])
        )
      )
    )
    expect([...content.entities].map((e) => e.key)).toEqual(entities.map((e) => e.key))
    const person = byReference([...content.entities], "K-4")
    expect(person).toMatchObject({
      identifier: person.subject,
      identifierMasked: person.subject,
      adapterId: "person-no",
      name: null
    })
    expect(person.subject).not.toContain("12858840099")
    expect(byReference([...content.entities], "K-1")).toMatchObject({
      identifier: byReference(entities, "K-1").subject,
      country: "NO",
      kind: "organization"
    })
    expect(described(byReference([...content.entities], "K-3"))).toEqual(
      described(byReference(entities, "K-3"))
    )
  })
})
