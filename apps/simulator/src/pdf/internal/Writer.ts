import { type PDFDocument, type PDFFont, type PDFPage, PageSizes, rgb } from "pdf-lib"
import { toWinAnsi } from "./winAnsi.js"

const [PAGE_WIDTH, PAGE_HEIGHT] = PageSizes.A4
const MARGIN = 50
const TOP = PAGE_HEIGHT - 80
const BOTTOM = 60
const BODY = 9.5
const LEADING = 13
const LABEL_WIDTH = 165
const INK = rgb(0.1, 0.1, 0.12)
const MUTED = rgb(0.4, 0.4, 0.45)
const MARK = rgb(0.75, 0.1, 0.1)

export interface Fonts {
  readonly regular: PDFFont
  readonly bold: PDFFont
}

export interface PageDecoration {
  readonly marking: string
  readonly footer: string
  readonly pageLabel: (page: number, of: number) => string
}

/** Flows text down A4 pages, starting a new page whenever the next block would not fit. */
export class Writer {
  private page: PDFPage
  private y = TOP
  private readonly pages: PDFPage[] = []

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
    private readonly decoration: PageDecoration
  ) {
    this.page = this.newPage()
  }

  private newPage(): PDFPage {
    const page = this.doc.addPage([PAGE_WIDTH, PAGE_HEIGHT])
    page.drawText(toWinAnsi(this.decoration.marking), {
      x: MARGIN,
      y: PAGE_HEIGHT - 45,
      size: 13,
      font: this.fonts.bold,
      color: MARK
    })
    page.drawLine({
      start: { x: MARGIN, y: PAGE_HEIGHT - 55 },
      end: { x: PAGE_WIDTH - MARGIN, y: PAGE_HEIGHT - 55 },
      thickness: 0.8,
      color: MARK
    })
    page.drawText(toWinAnsi(this.decoration.footer), {
      x: MARGIN,
      y: 30,
      size: 7.5,
      font: this.fonts.regular,
      color: MUTED
    })
    this.pages.push(page)
    this.page = page
    this.y = TOP
    return page
  }

  private ensure(height: number): void {
    if (this.y - height < BOTTOM) this.newPage()
  }

  private wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = []
    for (const paragraph of text.split(/\r?\n/).map(toWinAnsi)) {
      let line = ""
      for (const word of paragraph.split(" ")) {
        const candidate = line === "" ? word : `${line} ${word}`
        if (font.widthOfTextAtSize(candidate, size) <= width) {
          line = candidate
          continue
        }
        if (line !== "") lines.push(line)
        line = word
        // A single token wider than the column (a URL, an id) is cut by characters.
        while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
          let cut = line.length - 1
          while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--
          lines.push(line.slice(0, cut))
          line = line.slice(cut)
        }
      }
      lines.push(line)
    }
    return lines
  }

  title(text: string): void {
    this.ensure(30)
    this.page.drawText(toWinAnsi(text), { x: MARGIN, y: this.y, size: 16, font: this.fonts.bold, color: INK })
    this.y -= 26
  }

  chapter(text: string): void {
    this.ensure(60)
    this.y -= 8
    this.page.drawText(toWinAnsi(text), {
      x: MARGIN,
      y: this.y,
      size: 12.5,
      font: this.fonts.bold,
      color: INK
    })
    this.y -= 5
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: PAGE_WIDTH - MARGIN, y: this.y },
      thickness: 0.4,
      color: MUTED
    })
    this.y -= 14
  }

  subheading(text: string, indent = 0): void {
    this.ensure(30)
    this.y -= 3
    this.page.drawText(toWinAnsi(text), {
      x: MARGIN + indent,
      y: this.y,
      size: 10.5,
      font: this.fonts.bold,
      color: INK
    })
    this.y -= LEADING + 1
  }

  /** A label/value row; the value wraps within its column. */
  field(label: string, value: string, indent = 0): void {
    const labelWidth = LABEL_WIDTH - indent
    const valueX = MARGIN + LABEL_WIDTH
    const labelLines = this.wrap(label, this.fonts.bold, BODY, labelWidth - 8)
    const valueLines = this.wrap(value, this.fonts.regular, BODY, PAGE_WIDTH - MARGIN - valueX)
    const rows = Math.max(labelLines.length, valueLines.length)
    this.ensure(rows * LEADING)
    labelLines.forEach((line, i) => {
      this.page.drawText(line, {
        x: MARGIN + indent,
        y: this.y - i * LEADING,
        size: BODY,
        font: this.fonts.bold,
        color: MUTED
      })
    })
    valueLines.forEach((line, i) => {
      this.page.drawText(line, {
        x: valueX,
        y: this.y - i * LEADING,
        size: BODY,
        font: this.fonts.regular,
        color: INK
      })
    })
    this.y -= rows * LEADING
  }

  paragraph(text: string, indent = 0): void {
    for (const line of this.wrap(text, this.fonts.regular, BODY, PAGE_WIDTH - 2 * MARGIN - indent)) {
      this.ensure(LEADING)
      this.page.drawText(line, {
        x: MARGIN + indent,
        y: this.y,
        size: BODY,
        font: this.fonts.regular,
        color: INK
      })
      this.y -= LEADING
    }
  }

  /** A simple table: first column left-aligned, the others right-aligned (figures). */
  table(header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): void {
    const width = PAGE_WIDTH - 2 * MARGIN
    const first = width * 0.4
    const other = (width - first) / Math.max(header.length - 1, 1)
    const draw = (cells: ReadonlyArray<string>, font: PDFFont): void => {
      this.ensure(LEADING)
      cells.forEach((raw, i) => {
        const cell = toWinAnsi(raw)
        const x = i === 0 ? MARGIN : MARGIN + first + other * i - font.widthOfTextAtSize(cell, BODY)
        this.page.drawText(cell, { x, y: this.y, size: BODY, font, color: INK })
      })
      this.y -= LEADING
    }
    draw(header, this.fonts.bold)
    for (const row of rows) draw(row, this.fonts.regular)
  }

  gap(points = 6): void {
    this.y -= points
  }

  /** Page numbers need the final count, so they are drawn last. */
  finish(): void {
    const total = this.pages.length
    this.pages.forEach((page, i) => {
      const label = toWinAnsi(this.decoration.pageLabel(i + 1, total))
      const size = 8
      page.drawText(label, {
        x: PAGE_WIDTH - MARGIN - this.fonts.regular.widthOfTextAtSize(label, size),
        y: PAGE_HEIGHT - 44,
        size,
        font: this.fonts.regular,
        color: MUTED
      })
    })
  }
}
