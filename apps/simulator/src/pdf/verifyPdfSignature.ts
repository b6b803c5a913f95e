import { derElement } from "./internal/derElement.js"
import { createHash, webcrypto } from "node:crypto"
import * as asn1js from "asn1js"
import * as pkijs from "pkijs"

export interface SignatureCheck {
  readonly valid: boolean
  readonly reason?: string
  readonly signedAt?: Date
}

const OID_SIGNED_DATA = "1.2.840.113549.1.7.2"
const OID_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
const OID_SIGNING_TIME = "1.2.840.113549.1.9.5"

type EngineCrypto = ConstructorParameters<typeof pkijs.CryptoEngine>[0]["crypto"]

let engineReady = false
const ensureEngine = (): void => {
  if (engineReady) return
  // Node's WebCrypto, explicitly: pkijs would otherwise guess from the global scope.
  pkijs.setEngine(
    "node",
    new pkijs.CryptoEngine({ name: "node", crypto: webcrypto as unknown as EngineCrypto })
  )
  engineReady = true
}

const invalid = (reason: string, signedAt?: Date): SignatureCheck =>
  signedAt === undefined ? { valid: false, reason } : { valid: false, reason, signedAt }

const toArrayBuffer = (bytes: Uint8Array): ArrayBuffer => {
  const copy = new ArrayBuffer(bytes.byteLength)
  new Uint8Array(copy).set(bytes)
  return copy
}

const pemToDer = (pem: string): Uint8Array =>
  new Uint8Array(
    Buffer.from(pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, ""), "base64")
  )

interface Located {
  readonly signed: Uint8Array
  readonly contents: Uint8Array
}

/** Finds the last signature's /ByteRange, checks it covers the whole file except /Contents,
 * and returns the signed bytes and the CMS blob. */
const locate = (pdf: Uint8Array): Located | string => {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString("latin1")
  const matches = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)]
  const last = matches[matches.length - 1]
  if (last === undefined) return "no /ByteRange in the document"
  const [a, b, c, d] = [last[1], last[2], last[3], last[4]].map(Number) as [number, number, number, number]
  if (a !== 0 || b <= 0 || c <= b || c + d !== pdf.length)
    return "the byte ranges do not cover the whole document"
  if (text[b] !== "<" || text[c - 1] !== ">")
    return "the gap between the byte ranges is not the /Contents string"
  const hex = text.slice(b + 1, c - 1)
  if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length % 2 !== 0) return "/Contents is not a hex string"
  // The placeholder is zero-padded after the CMS blob, and the blob itself may end in zero
  // bytes, so its end comes from its own DER length, never from trimming zeros.
  const contents = derElement(new Uint8Array(Buffer.from(hex, "hex")))
  if (contents === undefined) return "/Contents is not DER"
  const signed = new Uint8Array(b + d)
  signed.set(pdf.subarray(0, b), 0)
  signed.set(pdf.subarray(c, c + d), b)
  return { signed, contents }
}

const attribute = (signerInfo: pkijs.SignerInfo, oid: string): asn1js.AsnType | undefined =>
  signerInfo.signedAttrs?.attributes.find((attr) => attr.type === oid)?.values[0]

const signingTimeOf = (signerInfo: pkijs.SignerInfo): Date | undefined => {
  const value = attribute(signerInfo, OID_SIGNING_TIME)
  return value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime
    ? value.toDate()
    : undefined
}

/** Verifies the embedded CMS (adbe.pkcs7.detached) signature of a PDF against a published
 * certificate: the byte ranges, the messageDigest attribute (SHA-256 of the signed bytes) and the
 * RSA signature over the signed attributes with the certificate's public key. No chain check. */
export const verifyPdfSignature = async (
  pdf: Uint8Array,
  certificatePem: string
): Promise<SignatureCheck> => {
  ensureEngine()
  const located = locate(pdf)
  if (typeof located === "string") return invalid(located)
  const parsed = asn1js.fromBER(toArrayBuffer(located.contents))
  if (parsed.offset === -1) return invalid("/Contents is not DER")
  let signedData: pkijs.SignedData
  let published: pkijs.Certificate
  try {
    const info = new pkijs.ContentInfo({ schema: parsed.result })
    if (info.contentType !== OID_SIGNED_DATA) return invalid("/Contents is not CMS SignedData")
    signedData = new pkijs.SignedData({ schema: info.content })
    published = pkijs.Certificate.fromBER(toArrayBuffer(pemToDer(certificatePem)))
  } catch (error) {
    return invalid(
      `cannot parse the signature or certificate: ${error instanceof Error ? error.message : String(error)}`
    )
  }
  const signerInfo = signedData.signerInfos[0]
  if (signerInfo === undefined) return invalid("the CMS has no signer")
  const signedAt = signingTimeOf(signerInfo)
  const digest = attribute(signerInfo, OID_MESSAGE_DIGEST)
  const expected = createHash("sha256").update(located.signed).digest()
  if (
    !(digest instanceof asn1js.OctetString) ||
    !Buffer.from(digest.valueBlock.valueHexView).equals(expected)
  ) {
    return invalid("messageDigest does not match the SHA-256 of the signed byte ranges", signedAt)
  }
  // Verify against the published certificate only, never one the document brings along.
  signedData.certificates = [published]
  try {
    const ok = await signedData.verify({ signer: 0, data: toArrayBuffer(located.signed), checkChain: false })
    if (!ok) return invalid("the signature does not verify with the published certificate", signedAt)
  } catch (error) {
    const message =
      error instanceof Error
        ? error.message
        : typeof error === "object" && error !== null && "message" in error
          ? String(error.message)
          : String(error)
    return invalid(`the signature does not verify with the published certificate: ${message}`, signedAt)
  }
  return signedAt === undefined ? { valid: true } : { valid: true, signedAt }
}
