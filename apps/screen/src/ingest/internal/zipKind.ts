/** What a zip archive holds, from its entry names: only an `xlsx` is a workbook we read. */
export type ZipKind = "xlsx" | "xlsb" | "ods" | "numbers" | "docx" | "pptx" | "zip"

export const zipKind = (names: ReadonlySet<string>): ZipKind => {
  if (names.has("xl/workbook.xml")) return "xlsx"
  if (names.has("xl/workbook.bin")) return "xlsb"
  if (names.has("mimetype") && names.has("content.xml")) return "ods"
  if (names.has("Index/Document.iwa")) return "numbers"
  if (names.has("word/document.xml")) return "docx"
  if (names.has("ppt/presentation.xml")) return "pptx"
  return "zip"
}

export const describeZipKind: Record<ZipKind, { readonly description: string; readonly advice: string }> = {
  xlsx: { description: "an Excel workbook (.xlsx)", advice: "give it an .xlsx name" },
  xlsb: { description: "an Excel binary workbook (.xlsb)", advice: "save it as .xlsx or CSV" },
  ods: { description: "an OpenDocument spreadsheet (.ods)", advice: "save it as .xlsx or CSV" },
  numbers: { description: "an Apple Numbers document", advice: "export it as .xlsx or CSV" },
  docx: { description: "a Word document", advice: "give the portfolio as .xlsx or CSV" },
  pptx: { description: "a PowerPoint presentation", advice: "give the portfolio as .xlsx or CSV" },
  zip: { description: "a ZIP archive", advice: "give the portfolio as .xlsx or CSV" }
}
