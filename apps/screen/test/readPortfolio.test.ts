import { Chunk, Effect, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { readPortfolio, type ReadOptions } from "../src/ingest/readPortfolio.js"
import { tempDir, writeText, writeWorkbook } from "./helpers.js"

const dir = tempDir()

const read = (path: string, options: ReadOptions = {}) =>
  Effect.runPromise(
    Effect.either(
      Effect.gen(function* () {
        const portfolio = yield* readPortfolio(path, options)
        const batches = yield* Stream.runCollect(portfolio.rows)
        return { portfolio, rows: Chunk.toArray(batches).flat() }
      }).pipe(Effect.scoped)
    )
  ).then((result) => {
    if (result._tag === "Left") throw result.left
    return result.right
  })

describe("readPortfolio", () => {
  it("maps CSV rows to fields and keeps the header text per field", async () => {
    const path = writeText(dir, "p.csv", "Kundenummer;Orgnr;Navn\nK1;923609016;Equinor ASA\n")
    const { portfolio, rows } = await read(path)
    expect(portfolio.source).toMatchObject({ format: "csv", delimiter: ";" })
    expect(rows).toHaveLength(1)
    expect(rows[0]?.issue).toBeUndefined()
    expect(rows[0]?.row).toEqual({
      file: path,
      rowNumber: 2,
      cells: {
        reference: { text: "K1", numeric: false },
        organizationNumber: { text: "923609016", numeric: false },
        name: { text: "Equinor ASA", numeric: false }
      },
      columns: { reference: "Kundenummer", organizationNumber: "Orgnr", name: "Navn" }
    })
  })

  it("flags rows with a different field count or control characters, and goes on", async () => {
    const path = writeText(
      dir,
      "bad.csv",
      "Orgnr;Navn\n923609016,Equinor ASA\n923609016;Nul\u0000l\n923609016;Ok\n"
    )
    const { rows } = await read(path)
    expect(rows.map((r) => r.issue?.code)).toEqual(["E_COLUMNS", "E_CHARSET", undefined])
  })

  it("reads XLSX through the same mapping, with --sheet and --map", async () => {
    const path = writeWorkbook(
      dir,
      "p.xlsx",
      [
        ["Nr", "Firma"],
        [923609016, "Equinor ASA"]
      ],
      { sheet: "Kunder" }
    )
    const { rows } = await read(path, {
      sheet: "Kunder",
      map: [
        ["Nr", "organizationNumber"],
        ["Firma", "name"]
      ]
    })
    expect(rows[0]?.row.cells.organizationNumber).toEqual({ text: "923609016", numeric: true })
  })

  it("fails for a header without data rows and for a file without rows", async () => {
    await expect(read(writeText(dir, "header.csv", "Orgnr;Navn\n"))).rejects.toMatchObject({
      reason: "NO_ROWS"
    })
    await expect(read(writeText(dir, "blank.csv", "\n\n;;\n"))).rejects.toMatchObject({ reason: "NO_ROWS" })
  })

  it("forEachBatch gives the same rows as the stream, in order, across many batches", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 500 === 7 ? "" : `K${i};923609016;Firma ${i}`))
    const path = writeText(dir, "many.csv", `Kundenummer;Orgnr;Navn\n${lines.join("\n")}\n`)
    const { rows } = await read(path)
    const pulled = await Effect.runPromise(
      Effect.scoped(
        Effect.gen(function* () {
          const portfolio = yield* readPortfolio(path)
          const seen: Array<number> = []
          yield* portfolio.forEachBatch((batch) =>
            Effect.sync(() => {
              for (const source of batch) seen.push(source.row.rowNumber)
            })
          )
          return seen
        })
      )
    )
    expect(rows).toHaveLength(2994)
    expect(pulled).toEqual(rows.map((r) => r.row.rowNumber))
    expect(pulled.at(-1)).toBe(3001)
  })

  it("forEachBatch fails with the file error of a record that never ends", async () => {
    const path = writeText(
      dir,
      "open.csv",
      `Orgnr;Navn\n${"923609016;Ok\n".repeat(5000)}923609016;"never closed\n`
    )
    const result = await Effect.runPromise(
      Effect.either(
        Effect.scoped(Effect.flatMap(readPortfolio(path), (p) => p.forEachBatch(() => Effect.void)))
      )
    )
    expect(result._tag === "Left" ? result.left : undefined).toMatchObject({ reason: "MALFORMED_CSV" })
  })
})
