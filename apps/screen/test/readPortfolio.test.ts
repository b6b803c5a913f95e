import { Effect } from "effect"
import type { SourceRow } from "../src/ingest/readPortfolio.js"
import { describe, expect, it } from "vitest"
import { readPortfolio, type ReadOptions } from "../src/ingest/readPortfolio.js"
import { rowXml, workbookZip, zipArchive } from "./fixtures/workbookZip.js"
import { tempDir, writeBytes, writeText, writeWorkbook } from "./helpers.js"

const dir = tempDir()

const read = (path: string, options: ReadOptions = {}) =>
  Effect.runPromise(
    Effect.either(
      Effect.gen(function* () {
        const portfolio = yield* readPortfolio(path, options)
        const rows: Array<SourceRow> = []
        let batches = 0
        yield* portfolio.forEachBatch((batch) =>
          Effect.sync(() => {
            batches++
            rows.push(...batch)
          })
        )
        return { portfolio, rows, batches }
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

  it("rejects a row with a cell over 1 MiB by its row and column, and goes on", async () => {
    const big = "A".repeat(1024 * 1024 + 1)
    const path = writeText(dir, "long.csv", `Orgnr;Kommentar;Navn\n923609016;${big};Big\n923609016;;Ok\n`)
    const { rows } = await read(path)
    expect(rows.map((r) => [r.row.rowNumber, r.issue?.code])).toEqual([
      [2, "E_LENGTH"],
      [3, undefined]
    ])
    expect(rows[0]?.issue?.message).toBe(
      `column "Kommentar" holds ${big.length} characters, past the limit of 1048576 for one row; the row was not read`
    )
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

  it("forEachBatch gives every row in order across many batches, blank lines counted", async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => (i % 500 === 7 ? "" : `K${i};923609016;Firma ${i}`))
    const path = writeText(dir, "many.csv", `Kundenummer;Orgnr;Navn\n${lines.join("\n")}\n`)
    const { rows, batches } = await read(path)
    expect(batches).toBeGreaterThan(2)
    expect(rows).toHaveLength(2994)
    const numbers = rows.map((r) => r.row.rowNumber)
    expect(numbers.slice(0, 3)).toEqual([2, 3, 4])
    expect(numbers.includes(9)).toBe(false)
    expect(numbers.every((n, i) => i === 0 || n > (numbers[i - 1] ?? 0))).toBe(true)
    expect(numbers.at(-1)).toBe(3001)
  })

  it("forEachBatch stops reading when the visitor says false (the rest of the file is never parsed)", async () => {
    // A quote that never closes at the end: reading it would fail the whole file.
    const path = writeText(
      dir,
      "stop.csv",
      `Orgnr;Navn\n${"923609016;Ok\n".repeat(5000)}923609016;"never closed\n`
    )
    const visit = (stopAfter: number) =>
      Effect.runPromise(
        Effect.either(
          Effect.scoped(
            Effect.gen(function* () {
              const portfolio = yield* readPortfolio(path)
              let batches = 0
              yield* portfolio.forEachBatch(() => Effect.sync(() => ++batches < stopAfter))
              return batches
            })
          )
        )
      )
    const stopped = await visit(2)
    expect(stopped._tag === "Right" ? stopped.right : stopped.left).toBe(2)
    const whole = await visit(Number.POSITIVE_INFINITY)
    expect(whole._tag === "Left" ? whole.left : undefined).toMatchObject({ reason: "MALFORMED_CSV" })
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

  describe("bounds on what the file may expand to", () => {
    // One 30,000-character shared string referenced from the name cell of every row: a 1.8 MB
    // workbook of this shape with 100,000 rows expanded to 3 G characters.
    const fanOut = (name: string, rows: number) => {
      const sheet = [rowXml(1, [{ s: 0 }, { s: 1 }])]
      for (let i = 0; i < rows; i++) sheet.push(rowXml(i + 2, [{ n: 910000012 }, { s: 2 }]))
      return writeBytes(
        dir,
        name,
        workbookZip({
          sharedStrings: ["Orgnr", "Navn", "W".repeat(30_000)],
          sheets: [{ name: "S", rows: sheet }]
        })
      )
    }

    it("cuts an over-long cell to its start and its length, and rejects the row", async () => {
      const { rows } = await read(fanOut("fan-small.xlsx", 3))
      expect(rows).toHaveLength(3)
      for (const { row, issue } of rows) {
        expect(issue).toMatchObject({ code: "E_LENGTH", field: "name" })
        expect(issue?.message).toBe('column "Navn" holds 30,000 characters (limit 1,000)')
        expect(row.cells.name?.text).toBe(`${"W".repeat(200)}… [truncated: 30,000 characters]`)
      }
    })

    it("rejects a row whose cells hold too much text in all, mapped or not", async () => {
      const comment = "c".repeat(60_000)
      const path = writeText(
        dir,
        "wide.csv",
        `Orgnr;Navn;Note;Note2\n910000012;A;${comment};${comment}\n910000012;B;x;y\n`
      )
      const { rows } = await read(path)
      expect(rows.map((r) => r.issue?.code)).toEqual(["E_LENGTH", undefined])
      expect(rows[0]?.issue?.message).toBe("row holds 120,010 characters over all its cells (limit 100,000)")
    })

    it("refuses a file whose cells hold more text in all than the limit, naming it", async () => {
      await expect(read(fanOut("fan-limit.xlsx", 200), { maxTotalChars: 1_000_000 })).rejects.toMatchObject({
        reason: "TOO_LARGE",
        message: expect.stringContaining(
          "more than 1,000,000 characters of text in all (the limit), reached at row 35"
        )
      })
      // The same bound for CSV, whatever the reader: here a 5,000-character value on every row.
      const lines = Array.from({ length: 400 }, () => `910000012;${"v".repeat(5000)}`)
      const csv = writeText(dir, "fan.csv", `Orgnr;Navn\n${lines.join("\n")}\n`)
      await expect(read(csv, { maxTotalChars: 1_000_000 })).rejects.toMatchObject({ reason: "TOO_LARGE" })
    })

    it("refuses the reviewer's shared-string fan-out with the default limits", async () => {
      // 20,000 × 30,000 = 600 M characters, over the default 500 M.
      await expect(read(fanOut("fan-default.xlsx", 20_000))).rejects.toMatchObject({
        reason: "TOO_LARGE",
        message: expect.stringContaining("more than 500,000,000 characters")
      })
    }, 60_000)
  })

  describe("files that are not CSV or XLSX", () => {
    const ods = zipArchive([
      { name: "mimetype", data: Buffer.from("application/vnd.oasis.opendocument.spreadsheet") },
      { name: "content.xml", data: Buffer.from("<office:document-content/>") }
    ])
    const numbers = zipArchive([{ name: "Index/Document.iwa", data: Buffer.from("x") }])
    const failure = (path: string) =>
      read(path).then(
        () => undefined,
        (e: unknown) => e
      )

    it("names ODS and Numbers files by extension or by content, never 'an .xlsx saved as .csv'", async () => {
      const expectations: ReadonlyArray<readonly [string, Buffer, string]> = [
        ["sheet.ods", ods, "OpenDocument spreadsheets (.ods) are not supported"],
        ["sheet.numbers", numbers, "Apple Numbers documents are not supported"],
        [
          "ods-as.csv",
          ods,
          "is an OpenDocument spreadsheet (.ods), not a CSV text file; save it as .xlsx or CSV."
        ],
        ["numbers-as.csv", numbers, "is an Apple Numbers document, not a CSV text file"]
      ]
      for (const [name, bytes, says] of expectations) {
        const error = await failure(writeBytes(dir, name, bytes))
        expect(error, name).toMatchObject({
          reason: "UNSUPPORTED_FORMAT",
          message: expect.stringContaining(says)
        })
        expect(String((error as Error).message)).not.toContain("xlsx workbook saved as")
      }
    })

    it("tells a real workbook under a .csv name to be renamed", async () => {
      const book = workbookZip({ sheets: [{ name: "S", rows: [rowXml(1, ["Orgnr"])] }] })
      expect(await failure(writeBytes(dir, "book.csv", book))).toMatchObject({
        reason: "UNSUPPORTED_FORMAT",
        message: expect.stringContaining(
          "is an Excel workbook (.xlsx), not a CSV text file; give it an .xlsx name."
        )
      })
    })
  })
})
