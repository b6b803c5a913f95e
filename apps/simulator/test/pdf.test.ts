import { generateKeyPairSync } from "node:crypto"
import { P12Signer } from "@signpdf/signer-p12"
import forge from "node-forge"
import { decodePDFRawStream, PDFArray, PDFDocument, PDFRawStream } from "pdf-lib"
import { beforeAll, describe, expect, it } from "vitest"
import {
  FIXTURES,
  lookupOrganization,
  lookupPerson,
  ORGANIZATION_EXPANDS,
  PERSON_EXPANDS
} from "../src/data/index.js"
import {
  createSigningIdentity,
  type ReportInput,
  renderReport,
  type SigningIdentity,
  verifyPdfSignature
} from "../src/pdf/index.js"
import { NativeP12Signer } from "../src/pdf/internal/NativeP12Signer.js"

const OPTIONS = { seed: 1, pepRate: 0.1, sanctionRate: 0.05 }
const CREATED_AT = new Date("2025-03-01T10:20:30Z")

const organizationResult = (
  identifier: string,
  language: string
): { result: Record<string, unknown>; name: string } => {
  const lookup = lookupOrganization(
    {
      country: "NO",
      identifier,
      identifierType: "ORGANIZATION_NUMBER",
      expands: ORGANIZATION_EXPANDS,
      ofac: true,
      language
    },
    OPTIONS
  )
  if (lookup._tag !== "Found") throw new Error(lookup.errorCode)
  return { result: lookup.result, name: lookup.subjectName }
}

const sanctioned = FIXTURES.find(
  (f) => f.resource === "organization" && f.outcome === "SANCTION" && f.country === "NO"
)!

const reportInput = (overrides: Partial<ReportInput> = {}): ReportInput => {
  const { result, name } = organizationResult(sanctioned.identifier, overrides.language ?? "nb")
  return {
    reportType: "aml",
    sessionId: "6f1c2a8e-3f7b-4a0e-9d55-1b2f0c9e7a10",
    resource: "organization",
    country: "NO",
    subject: sanctioned.identifier,
    subjectName: name,
    reference: "KYC-REF-4711",
    requester: { name: "Eksempel Bank ASA", number: "987654325" },
    createdAt: CREATED_AT,
    language: "nb",
    result,
    ...overrides
  }
}

// Bytes 0x80–0x9F of WinAnsi (Windows-1252); the rest coincides with Latin-1.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ"
const winAnsi = {
  decode: (bytes: Uint8Array): string =>
    Array.from(bytes, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b))).join(
      ""
    )
}

/** Text drawn on the pages: pdf-lib writes standard-font text as hex strings in Flate streams. */
const pageText = async (pdf: Uint8Array): Promise<string> => {
  const doc = await PDFDocument.load(pdf)
  const parts: string[] = []
  for (const page of doc.getPages()) {
    const contents = page.node.Contents()
    const streams =
      contents instanceof PDFArray ? contents.asArray().map((ref) => doc.context.lookup(ref)) : [contents]
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue
      const ops = Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1")
      for (const match of ops.matchAll(/<([0-9A-Fa-f]*)> Tj/g))
        parts.push(winAnsi.decode(Buffer.from(match[1] ?? "", "hex")))
    }
  }
  return parts.join("\n")
}

const byteRange = (pdf: Uint8Array): number[] => {
  const match = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(
    Buffer.from(pdf).toString("latin1")
  )
  if (match === null) throw new Error("no /ByteRange")
  return match.slice(1).map(Number)
}

let identity: SigningIdentity
let other: SigningIdentity

beforeAll(async () => {
  identity = await createSigningIdentity()
  other = await createSigningIdentity()
})

describe("renderReport + verifyPdfSignature", () => {
  it("signs the report so that it verifies against the published certificate", async () => {
    const pdf = await renderReport(reportInput(), identity)
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-")
    const check = await verifyPdfSignature(pdf, identity.certificatePem)
    expect(check).toEqual({ valid: true, signedAt: CREATED_AT })
    const [a, b, c, d] = byteRange(pdf)
    expect(a).toBe(0)
    expect((c ?? 0) + (d ?? 0)).toBe(pdf.length)
    expect(Buffer.from(pdf).toString("latin1")).toContain("/SubFilter /adbe.pkcs7.detached")
    expect(b).toBeLessThan(c ?? 0)
  })

  it("fails verification when one byte inside a signed range changes", async () => {
    const pdf = await renderReport(reportInput(), identity)
    const [, b, c] = byteRange(pdf)
    for (const position of [200, (c ?? 0) + 10]) {
      const tampered = new Uint8Array(pdf)
      tampered[position] = (tampered[position] ?? 0) ^ 0x01
      expect(position < (b ?? 0) || position >= (c ?? 0)).toBe(true)
      const check = await verifyPdfSignature(tampered, identity.certificatePem)
      expect(check.valid).toBe(false)
      expect(check.reason).toMatch(/messageDigest/)
    }
  })

  it("fails verification against another certificate", async () => {
    const pdf = await renderReport(reportInput(), identity)
    const check = await verifyPdfSignature(pdf, other.certificatePem)
    expect(check.valid).toBe(false)
    expect(check.reason).toMatch(/published certificate/)
  })

  it("reports a document without a signature as invalid", async () => {
    const doc = await PDFDocument.create()
    doc.addPage()
    expect(await verifyPdfSignature(await doc.save(), identity.certificatePem)).toMatchObject({
      valid: false
    })
  })

  it("gives identical bytes for equal inputs and different bytes for another creation time", async () => {
    const first = await renderReport(reportInput(), identity)
    const second = await renderReport(reportInput(), identity)
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true)
    const later = await renderReport(
      reportInput({ createdAt: new Date(CREATED_AT.getTime() + 1000) }),
      identity
    )
    expect(Buffer.from(first).equals(Buffer.from(later))).toBe(false)
  })

  it("builds the same CMS as @signpdf/signer-p12 would", async () => {
    const data = Buffer.from("any bytes that a PDF signature would cover")
    const reference = await new P12Signer(identity.p12, { passphrase: identity.passphrase }).sign(
      data,
      CREATED_AT
    )
    const native = await new NativeP12Signer(identity.p12, identity.passphrase).sign(data, CREATED_AT)
    expect(native.equals(reference)).toBe(true)
  })
})

describe("report content", () => {
  it("shows the marking, requester, time, session, subject and reference, in the text and the metadata", async () => {
    const pdf = await renderReport(reportInput(), identity)
    const text = await pageText(pdf)
    for (const expected of [
      "BankID AML — SIMULERT",
      "Eksempel Bank ASA (987654325)",
      "01.03.2025 11.20.30",
      "6f1c2a8e-3f7b-4a0e-9d55-1b2f0c9e7a10",
      sanctioned.identifier,
      "KYC-REF-4711",
      sanctioned.name ?? "",
      "Nøkkelinformasjon",
      "Reelle rettighetshavere",
      "Sanksjonstreff",
      "Treffindikator"
    ]) {
      expect(text).toContain(expected)
    }
    const doc = await PDFDocument.load(pdf)
    expect(doc.getKeywords()).toContain("6f1c2a8e-3f7b-4a0e-9d55-1b2f0c9e7a10")
    expect(doc.getKeywords()).toContain("KYC-REF-4711")
    expect(doc.getCreationDate()).toEqual(CREATED_AT)
    expect(doc.getPageCount()).toBeGreaterThan(1)
    const { width, height } = doc.getPage(0).getSize()
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842])
  })

  it("uses English headings for language en", async () => {
    const text = await pageText(await renderReport(reportInput({ language: "en" }), identity))
    expect(text).toContain("SIMULATED")
    expect(text).toContain("Key information")
    expect(text).toContain("Sanction matches")
    expect(text).not.toContain("Nøkkelinformasjon")
  })

  it("renders a person report with screening hits and their match indicator", async () => {
    const pep = FIXTURES.find((f) => f.resource === "person" && f.outcome === "PEP")!
    const lookup = lookupPerson(
      {
        firstName: null,
        lastName: null,
        name: pep.name ?? null,
        ssn: pep.identifier,
        dateOfBirth: null,
        country: "NO",
        matchMode: "exact",
        expands: PERSON_EXPANDS,
        ofac: false,
        nationalRegistry: true,
        language: "en"
      },
      OPTIONS
    )
    if (lookup._tag !== "Found") throw new Error(lookup.errorCode)
    const pdf = await renderReport(
      reportInput({
        resource: "person",
        subject: pep.identifier,
        subjectName: lookup.subjectName,
        language: "en",
        result: lookup.result,
        reference: null
      }),
      identity
    )
    const text = await pageText(pdf)
    expect(text).toContain("PEP matches")
    expect(text).toContain("Match indicator 500")
    expect(text).toContain(pep.identifier)
    expect((await verifyPdfSignature(pdf, identity.certificatePem)).valid).toBe(true)
  })

  it("shows registry facts in the certificate of registration", async () => {
    const input = reportInput({ reportType: "certificate_of_incorporation" })
    const text = await pageText(await renderReport(input, identity))
    const key = input.result["keyInformation"]
    expect(text).toContain("Firmaattest")
    expect(text).toContain("Signaturrett")
    expect(text).toContain("Organisasjonsnummer")
    expect(text).toContain(
      String(key !== null && typeof key === "object" && "registeredDate" in key ? key.registeredDate : "?")
    )
    expect(text).not.toContain("Sanksjonstreff")
  })

  it("maps letters the standard fonts cannot encode instead of failing", async () => {
    const pdf = await renderReport(
      reportInput({ subjectName: "Áile Čáhppes Ŋuvttoš — 北", reference: "Đđ ŧ" }),
      identity
    )
    const text = await pageText(pdf)
    expect(text).toContain("Áile Cáhppes Nuvttoš")
    expect(text).toContain("Dd t")
    expect((await verifyPdfSignature(pdf, identity.certificatePem)).valid).toBe(true)
  })
})

describe("createSigningIdentity", () => {
  it("creates a self-signed RSA-2048 certificate valid for about ten years", () => {
    const cert = forge.pki.certificateFromPem(identity.certificatePem)
    expect(cert.subject.getField("CN")?.value).toBe("BankID AML Simulator Test Signing")
    expect(cert.issuer.getField("CN")?.value).toBe("BankID AML Simulator Test Signing")
    expect((cert.publicKey as forge.pki.rsa.PublicKey).n.bitLength()).toBe(2048)
    const years =
      (cert.validity.notAfter.getTime() - cert.validity.notBefore.getTime()) / (365.25 * 86_400_000)
    expect(years).toBeGreaterThan(9.5)
    expect(years).toBeLessThan(10.5)
  })

  it("derives the same certificate from the same key, and loads a given certificate and key", async () => {
    const privateKeyPem = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString()
    const first = await createSigningIdentity({ privateKeyPem })
    const second = await createSigningIdentity({ privateKeyPem })
    expect(second.certificatePem).toBe(first.certificatePem)
    const loaded = await createSigningIdentity({ privateKeyPem, certificatePem: first.certificatePem })
    expect(loaded.certificatePem).toBe(first.certificatePem)
    const pdf = await renderReport(reportInput(), loaded)
    expect((await verifyPdfSignature(pdf, first.certificatePem)).valid).toBe(true)
    await expect(
      createSigningIdentity({ privateKeyPem, certificatePem: identity.certificatePem })
    ).rejects.toThrow(/does not match/)
  })
})
