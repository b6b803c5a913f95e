/** The cell at which a record grew past the limit, and how long that cell was. */
export interface Overlong {
  /** 0-based column index. */
  readonly column: number
  /** The cell's length in characters (counted to its end, though its text was not kept). */
  readonly length: number
  readonly limit: number
}

/**
 * Called for every record as soon as its line ends. `line` is the physical line the record starts
 * on. With `overlong`, the cells from that column on were not kept (the row is to be rejected).
 */
export type OnRecord = (fields: Array<string>, line: number, overlong: Overlong | undefined) => void

const QUOTE = 0x22
const CR = 0x0d
const LF = 0x0a

enum State {
  /** Nothing of the current cell read yet. */
  CellStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted cell: a doubled quote, the closing one, or a stray one. */
  QuoteInQuoted
}

/**
 * A streaming RFC 4180 splitter for one known delimiter. It replaces csv-parse, which builds an
 * error object (stack trace and a deep JSON copy of its state) for every record whose field count
 * differs from the first record's, even when told to accept such records: a megabyte of blank
 * lines took 20–35 s. Here a record of any length costs the same, a record past `maxRecordChars`
 * is cut and flagged (memory stays bounded, the next record is read as usual), and a quote that
 * never closes is reported at the line where it opened.
 *
 * Quotes follow spreadsheet practice: `""` inside a quoted cell is a quote; a quote inside an
 * unquoted cell is an ordinary character; text after a closing quote keeps both quotes
 * (`"a"b` reads as `"a"b`). Lines end with LF, CRLF or a lone CR; inside quotes they are kept.
 */
export class CsvTokenizer {
  private readonly delimiter: number
  private state = State.CellStart
  private fields: Array<string> = []
  private cell = ""
  /** Characters of the current cell, counted even once its text is no longer kept. */
  private cellLength = 0
  /** Characters kept for the current record, one per delimiter included. */
  private recordChars = 0
  private overlongAt = -1
  private overlongLength = 0
  /** A record has begun: a character other than a line end was read since the last one. */
  private open = false
  private line = 1
  private recordLine = 1
  private quoteLine = 1
  private quoteColumn = 0
  /** The previous piece ended with CR: a LF at the start of the next one ends no further line. */
  private afterCr = false

  constructor(
    delimiter: string,
    private readonly maxRecordChars: number,
    private readonly onRecord: OnRecord
  ) {
    this.delimiter = delimiter.charCodeAt(0)
  }

  /** Splits the next piece of the text; records that end in it are handed on at once. */
  write(text: string): void {
    const delimiter = this.delimiter
    const n = text.length
    let i = 0
    if (this.afterCr) {
      this.afterCr = false
      if (n > 0 && text.charCodeAt(0) === LF) {
        if (this.state === State.Quoted) this.append(text, 0, 1)
        i = 1
      }
    }
    while (i < n) {
      const code = text.charCodeAt(i)
      switch (this.state) {
        case State.CellStart:
        case State.Unquoted: {
          if (this.state === State.CellStart && code === QUOTE) {
            this.state = State.Quoted
            this.quoteLine = this.line
            this.quoteColumn = this.fields.length
            this.open = true
            i++
            break
          }
          // The run of ordinary characters up to the next delimiter or line end, in one slice.
          let end = i
          while (end < n) {
            const c = text.charCodeAt(end)
            if (c === delimiter || c === LF || c === CR) break
            end++
          }
          if (end > i) {
            this.append(text, i, end)
            this.state = State.Unquoted
            this.open = true
          }
          if (end === n) return
          const stop = text.charCodeAt(end)
          i = end + 1
          if (stop === delimiter) {
            this.open = true
            this.endCell()
          } else i = this.lineEnd(text, end)
          break
        }
        case State.Quoted: {
          let end = i
          while (end < n) {
            const c = text.charCodeAt(end)
            if (c === QUOTE) break
            if (c === CR || c === LF) {
              this.line++
              if (c === CR) {
                if (end + 1 === n) this.afterCr = true
                else if (text.charCodeAt(end + 1) === LF) end++
              }
            }
            end++
          }
          if (end > i) this.append(text, i, end)
          if (end === n) return
          this.state = State.QuoteInQuoted
          i = end + 1
          break
        }
        case State.QuoteInQuoted: {
          if (code === QUOTE) {
            this.append(text, i, i + 1)
            this.state = State.Quoted
            i++
          } else if (code === delimiter) {
            this.endCell()
            i++
          } else if (code === CR || code === LF) {
            i = this.lineEnd(text, i)
          } else {
            // A stray quote: the cell is the text as written, both quotes included.
            if (this.overlongAt < 0) this.cell = `"${this.cell}"`
            this.cellLength += 2
            this.recordChars += 2
            this.state = State.Unquoted
          }
          break
        }
      }
    }
  }

  /**
   * Ends the text: hands on a last record without a line break. Gives the line and 0-based column
   * where a quoted cell opened if it never closed (nothing is handed on then).
   */
  end(): { readonly line: number; readonly column: number } | undefined {
    if (this.state === State.Quoted) return { line: this.quoteLine, column: this.quoteColumn }
    if (this.open) this.endRecord()
    return undefined
  }

  private append(text: string, from: number, to: number): void {
    const count = to - from
    this.cellLength += count
    if (this.overlongAt >= 0) return
    this.recordChars += count
    if (this.recordChars > this.maxRecordChars) {
      this.overlongAt = this.fields.length
      this.cell = ""
      return
    }
    this.cell += text.slice(from, to)
  }

  private endCell(): void {
    if (this.overlongAt < 0) {
      this.fields.push(this.cell)
      if (++this.recordChars > this.maxRecordChars) this.overlongAt = this.fields.length
    } else if (this.overlongAt === this.fields.length) {
      // The overlong cell itself: a placeholder, so that its column index stays right.
      this.fields.push("")
      this.overlongLength = this.cellLength
    }
    this.cell = ""
    this.cellLength = 0
    this.state = State.CellStart
  }

  /** Ends the record at the line break at `at`; returns the index after it. */
  private lineEnd(text: string, at: number): number {
    this.endRecord()
    this.line++
    this.recordLine = this.line
    if (text.charCodeAt(at) === CR) {
      if (at + 1 === text.length) {
        this.afterCr = true
        return at + 1
      }
      if (text.charCodeAt(at + 1) === LF) return at + 2
    }
    return at + 1
  }

  private endRecord(): void {
    this.endCell()
    const overlong =
      this.overlongAt < 0
        ? undefined
        : {
            column: this.overlongAt,
            length: this.overlongAt < this.fields.length ? this.overlongLength : this.cellLength,
            limit: this.maxRecordChars
          }
    this.onRecord(this.fields, this.recordLine, overlong)
    this.fields = []
    this.recordChars = 0
    this.overlongAt = -1
    this.overlongLength = 0
    this.open = false
  }
}
