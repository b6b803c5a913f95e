import { createHash, verify, X509Certificate } from "node:crypto"
import { inflateSync } from "node:zlib"

interface Der {
  readonly tag: number
  readonly start: number
  readonly contentStart: number
  readonly end: number
}

const readDer = (buf: Buffer, at: number): Der => {
  const tag = buf[at] ?? 0
  let len = buf[at + 1] ?? 0
  let head = 2
  if (len & 0x80) {
    const n = len & 0x7f
    len = 0
    for (let i = 0; i < n; i++) len = len * 256 + (buf[at + 2 + i] ?? 0)
    head += n
  }
  return { tag, start: at, contentStart: at + head, end: at + head + len }
}

const children = (buf: Buffer, parent: Der): Array<Der> => {
  const out: Array<Der> = []
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = readDer(buf, at)
    out.push(child)
    at = child.end
  }
  return out
}

const child = (buf: Buffer, parent: Der, index: number): Der => {
  const found = children(buf, parent)[index]
  if (found === undefined) throw new Error(`DER element has no child ${index}`)
  return found
}

const DIGESTS: Record<string, string> = {
  "608648016503040201": "sha256",
  "608648016503040202": "sha384",
  "608648016503040203": "sha512"
}

export interface SignatureCheck {
  readonly subFilter: string | undefined
  readonly byteRangeCoversFile: boolean
  readonly digestMatches: boolean
  readonly certificateEmbedded: boolean
  readonly signatureValid: boolean
}

/**
 * Checks the first signature of a PDF: the byte range spans the whole file except the
 * `/Contents` hole, the CMS messageDigest equals the digest of those bytes, the given certificate
 * is embedded, and the signature over the signed attributes verifies with its key.
 */
export const checkPdfSignature = (pdf: Buffer, certificatePem: string): SignatureCheck => {
  const text = pdf.toString("latin1")
  const subFilter = /\/SubFilter\s*\/([\w.]+)/.exec(text)?.[1]
  const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text)
  const [a, b, c, d] = (range?.slice(1) ?? []).map(Number)
  if (a === undefined || b === undefined || c === undefined || d === undefined) {
    return {
      subFilter,
      byteRangeCoversFile: false,
      digestMatches: false,
      certificateEmbedded: false,
      signatureValid: false
    }
  }
  const byteRangeCoversFile = a === 0 && c + d === pdf.length && text[b] === "<" && text[c - 1] === ">"
  const hex = text.slice(b + 1, c - 1)
  const padded = Buffer.from(hex, "hex")
  const cms = padded.subarray(0, readDer(padded, 0).end)
  const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)])
  const cert = new X509Certificate(certificatePem)
  const certificateEmbedded = cms.includes(cert.raw)

  const contentInfo = readDer(cms, 0)
  const signedData = child(cms, child(cms, contentInfo, 1), 0)
  const signerInfos = children(cms, signedData).at(-1)
  if (signerInfos === undefined) throw new Error("no signerInfos")
  const signer = child(cms, signerInfos, 0)
  const parts = children(cms, signer)
  const digestAlg = parts[2]
  const attrs = parts.find((p) => p.tag === 0xa0)
  const signature = parts.find((p) => p.tag === 0x04)
  if (digestAlg === undefined || attrs === undefined || signature === undefined)
    throw new Error("odd SignerInfo")
  const oid = cms
    .subarray(child(cms, digestAlg, 0).contentStart, child(cms, digestAlg, 0).end)
    .toString("hex")
  const hash = DIGESTS[oid] ?? "sha256"
  const digestMatches = cms
    .subarray(attrs.contentStart, attrs.end)
    .includes(createHash(hash).update(signed).digest())
  const attrsAsSet = Buffer.from(cms.subarray(attrs.start, attrs.end))
  attrsAsSet[0] = 0x31
  const signatureValid = verify(
    hash,
    attrsAsSet,
    cert.publicKey,
    cms.subarray(signature.contentStart, signature.end)
  )
  return { subFilter, byteRangeCoversFile, digestMatches, certificateEmbedded, signatureValid }
}

const decodeLiteral = (s: string): string =>
  s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) =>
    /^[0-7]/.test(e)
      ? String.fromCharCode(Number.parseInt(e, 8))
      : (({ n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" } as Record<string, string>)[e] ?? e)
  )

/** Text shown by the PDF's content streams (plain or Flate), good enough to search for ids. */
export const pdfText = (pdf: Buffer): string => {
  const raw = pdf.toString("latin1")
  const pieces: Array<string> = []
  const streamRe = /stream\r?\n/g
  for (let m = streamRe.exec(raw); m !== null; m = streamRe.exec(raw)) {
    const start = m.index + m[0].length
    const end = raw.indexOf("endstream", start)
    if (end < 0) break
    const bytes = pdf.subarray(start, end)
    let content: string
    try {
      content = inflateSync(bytes).toString("latin1")
    } catch {
      content = bytes.toString("latin1")
    }
    for (const t of content.matchAll(/<([0-9A-Fa-f\s]+)>|\(((?:\\.|[^\\)])*)\)/g)) {
      pieces.push(
        t[1] !== undefined
          ? Buffer.from(t[1].replace(/\s/g, ""), "hex").toString("latin1")
          : decodeLiteral(t[2] ?? "")
      )
    }
    streamRe.lastIndex = end
  }
  return pieces.join(" ")
}
