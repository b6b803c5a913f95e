import { describe, expect, it } from "vitest"
import { CsvTokenizer, type Overlong } from "../src/ingest/internal/CsvTokenizer.js"

interface Read {
  readonly records: Array<{ fields: Array<string>; line: number; overlong: Overlong | undefined }>
  readonly unclosed: { line: number; column: number } | undefined
}

const split = (pieces: ReadonlyArray<string>, maxRecordChars = 1000): Read => {
  const records: Read["records"] = []
  const tokenizer = new CsvTokenizer(";", maxRecordChars, (fields, line, overlong) =>
    records.push({ fields, line, overlong })
  )
  for (const piece of pieces) tokenizer.write(piece)
  return { records, unclosed: tokenizer.end() }
}

const sample = 'a;b;c\r\n1;"x;y";\r\n\r\n2;"two\r\nlines";"say ""hi"""\n3;mid"quote;"a"b\r4;"";\n;;\n5'

describe("CsvTokenizer", () => {
  it("splits cells and records as a spreadsheet reads them", () => {
    const { records, unclosed } = split([sample])
    expect(unclosed).toBeUndefined()
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ["a", "b", "c"]],
      [2, ["1", "x;y", ""]],
      [3, [""]],
      [4, ["2", "two\r\nlines", 'say "hi"']],
      [6, ["3", 'mid"quote', '"a"b']],
      [7, ["4", "", ""]],
      [8, ["", "", ""]],
      [9, ["5"]]
    ])
  })

  it("gives the same records wherever the text is cut into pieces", () => {
    const whole = split([sample])
    for (let at = 0; at <= sample.length; at++)
      expect(split([sample.slice(0, at), sample.slice(at)]), `cut at ${at}`).toEqual(whole)
    expect(split([...sample]), "one character at a time").toEqual(whole)
  })

  it("cuts a record past the limit at the column that overran, and goes on", () => {
    const { records } = split([`1;${"x".repeat(30)};tail;more\n2;ok\n`], 20)
    expect(records).toEqual([
      { fields: ["1", ""], line: 1, overlong: { column: 1, length: 30, limit: 20 } },
      { fields: ["2", "ok"], line: 2, overlong: undefined }
    ])
  })

  it("reports a quote that never closes at the line and column where it opened", () => {
    const { records, unclosed } = split(['id;name\n1;ok\n2;x;"open\n3;y\n'])
    expect(records.map((r) => r.fields)).toEqual([
      ["id", "name"],
      ["1", "ok"]
    ])
    expect(unclosed).toEqual({ line: 3, column: 2 })
  })

  it("does not make a record of the line break at the end of the text", () => {
    expect(split(["a;b\n"]).records).toHaveLength(1)
    expect(split(["a;b\r\n"]).records).toHaveLength(1)
    expect(split(["a;\n"]).records[0]?.fields).toEqual(["a", ""])
    expect(split(["a;"]).records[0]?.fields).toEqual(["a", ""])
    expect(split([""]).records).toHaveLength(0)
  })
})
