import { SignPdf } from "@signpdf/signpdf"
import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib"
import { PDFDocument, StandardFonts } from "pdf-lib"
import type { SigningIdentity } from "./createSigningIdentity.js"
import { ChapterRenderer } from "./internal/chapters.js"
import { labelFor } from "./internal/labels.js"
import { NativeP12Signer } from "./internal/NativeP12Signer.js"
import { Writer } from "./internal/Writer.js"

export interface ReportInput {
  /** "aml" | "certificate_of_incorporation" */
  readonly reportType: string
  readonly sessionId: string
  readonly resource: "organization" | "person"
  readonly country: string
  /** The subject's identifier. */
  readonly subject: string
  readonly subjectName: string
  readonly reference: string | null
  readonly requester: { readonly name: string; readonly number: string }
  readonly createdAt: Date
  readonly language: string
  readonly result: Record<string, unknown>
}

const ORGANIZATION_CHAPTERS = [
  "keyInformation",
  "lei",
  "addresses",
  "roles",
  "ownership",
  "signatureRights",
  "procuration",
  "financials",
  "aml"
]
const PERSON_CHAPTERS = ["keyInformation", "address", "aml", "roles", "identity"]
const CERTIFICATE_FACTS = [
  "name",
  "organizationNumber",
  "organizationType",
  "registeredDate",
  "establishedDate",
  "purpose",
  "statusCodes"
]
const CERTIFICATE_CHAPTERS = ["addresses", "roles", "signatureRights", "procuration"]
// Enough for a CMS with one RSA-2048 certificate (about 1.5 kB) with room to spare.
const SIGNATURE_LENGTH = 4096

const osloTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Oslo",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23"
})

/** `dd.MM.yyyy HH.mm.ss` in Norwegian local time, the layout of the real reports. */
const formatReportTime = (date: Date): string => {
  const part = (type: string): string =>
    osloTime.formatToParts(date).find((p) => p.type === type)?.value ?? "00"
  return `${part("day")}.${part("month")}.${part("year")} ${part("hour")}.${part("minute")}.${part("second")}`
}

const chaptersOf = (input: ReportInput): Array<[string, unknown]> => {
  const { result } = input
  if (input.reportType === "certificate_of_incorporation") {
    const key = result["keyInformation"]
    const facts =
      key !== null && typeof key === "object"
        ? Object.fromEntries(Object.entries(key).filter(([k]) => CERTIFICATE_FACTS.includes(k)))
        : {}
    return [
      ["keyInformation", facts],
      ...CERTIFICATE_CHAPTERS.filter((c) => c in result).map((c): [string, unknown] => [c, result[c]])
    ]
  }
  const known = input.resource === "person" ? PERSON_CHAPTERS : ORGANIZATION_CHAPTERS
  const extra = Object.keys(result).filter((k) => !known.includes(k) && k !== "links")
  return [...known, ...extra].filter((c) => c in result).map((c) => [c, result[c]])
}

const layout = async (input: ReportInput): Promise<PDFDocument> => {
  const doc = await PDFDocument.create({ updateMetadata: false })
  const label = (key: string): string => labelFor(input.language, key)
  const fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold)
  }
  const title = label(`report.${input.reportType}`)
  const keywords = [input.sessionId, input.subject, ...(input.reference === null ? [] : [input.reference])]
  doc.setTitle(`${title} — ${input.subjectName}`)
  doc.setSubject(`${title}; session ${input.sessionId}; ${input.subject}; ${input.reference ?? ""}`)
  doc.setKeywords(keywords)
  doc.setAuthor(input.requester.name)
  doc.setCreator("BankID AML simulator")
  doc.setProducer("nordscreen simulator (pdf-lib)")
  doc.setLanguage(["no", "nb", "nn"].includes(input.language.toLowerCase()) ? "nb-NO" : "en")
  doc.setCreationDate(input.createdAt)
  doc.setModificationDate(input.createdAt)
  const w = new Writer(doc, fonts, {
    marking: label("marking"),
    footer: label("footer"),
    pageLabel: (page, of) => `${label("page")} ${page} ${label("of")} ${of}`
  })
  w.title(title)
  w.field(label("requester"), `${input.requester.name} (${input.requester.number})`)
  w.field(label("createdAt"), formatReportTime(input.createdAt))
  w.field(label("sessionId"), input.sessionId)
  w.field(label("resource"), `${label(`resource.${input.resource}`)} (${input.country})`)
  w.field(label("subject"), input.subject)
  w.field(label("subjectName"), input.subjectName)
  w.field(label("reference"), input.reference ?? "—")
  const chapters = new ChapterRenderer(w, input.language)
  for (const [key, value] of chaptersOf(input)) chapters.chapter(key, value)
  w.finish()
  return doc
}

const signPdf = new SignPdf()
const signers = new WeakMap<SigningIdentity, NativeP12Signer>()

const signerFor = (identity: SigningIdentity): NativeP12Signer => {
  const cached = signers.get(identity)
  if (cached !== undefined) return cached
  const signer = new NativeP12Signer(identity.p12, identity.passphrase)
  signers.set(identity, signer)
  return signer
}

/** Renders the report and signs it (adbe.pkcs7.detached). Every timestamp comes from
 * `createdAt`, so equal inputs give identical bytes. */
export const renderReport = async (input: ReportInput, identity: SigningIdentity): Promise<Uint8Array> => {
  const doc = await layout(input)
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: "BankID AML simulator report",
    contactInfo: "simulator@localhost",
    name: "BankID AML Simulator Test Signing",
    location: "nordscreen simulator",
    signingTime: input.createdAt,
    signatureLength: SIGNATURE_LENGTH
  })
  const unsigned = await doc.save({ useObjectStreams: false })
  const signed = await signPdf.sign(Buffer.from(unsigned), signerFor(identity), input.createdAt)
  return new Uint8Array(signed.buffer, signed.byteOffset, signed.byteLength)
}
