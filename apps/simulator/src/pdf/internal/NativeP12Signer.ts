import { constants, createPrivateKey, type KeyObject, privateEncrypt } from "node:crypto"
import { Signer } from "@signpdf/signpdf"
import forge from "node-forge"

const OID = {
  keyBag: "1.2.840.113549.1.12.10.1.2",
  certBag: "1.2.840.113549.1.12.10.1.3",
  sha256: "2.16.840.1.101.3.4.2.1",
  data: "1.2.840.113549.1.7.1",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5"
} as const

// DER prefix of a DigestInfo for SHA-256 (RFC 8017 §9.2, note 1).
const SHA256_DIGEST_INFO = Buffer.from("3031300d060960864801650304020105000420", "hex")

interface Bundle {
  readonly key: KeyObject
  readonly certificates: ReadonlyArray<forge.pki.Certificate>
  readonly certificate: forge.pki.Certificate
}

const openBundle = (p12: Uint8Array, passphrase: string): Bundle => {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString("binary")))
  const parsed = forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase)
  const keyBag = parsed.getBags({ bagType: OID.keyBag })[OID.keyBag]?.[0]
  const certificates = (parsed.getBags({ bagType: OID.certBag })[OID.certBag] ?? []).flatMap((bag) =>
    bag.cert === undefined ? [] : [bag.cert]
  )
  const privateKey = keyBag?.key as forge.pki.rsa.PrivateKey | undefined
  if (privateKey === undefined) throw new Error("The PKCS#12 bundle holds no private key")
  const certificate = certificates.find(
    (cert) => (cert.publicKey as forge.pki.rsa.PublicKey).n.compareTo(privateKey.n) === 0
  )
  if (certificate === undefined)
    throw new Error("The PKCS#12 bundle holds no certificate for its private key")
  return { key: createPrivateKey(forge.pki.privateKeyToPem(privateKey)), certificates, certificate }
}

/**
 * Builds exactly the CMS that @signpdf/signer-p12's P12Signer builds (same forge PKCS#7 code, same
 * signed attributes in the same order, SHA-256, RSA PKCS#1 v1.5) — the test compares the bytes —
 * but opens the bundle once and leaves the RSA private-key operation to Node's native crypto.
 * P12Signer re-opens the bundle and signs in pure JavaScript on every call (about 100 ms).
 */
export class NativeP12Signer extends Signer {
  private readonly bundle: Bundle

  constructor(p12: Uint8Array, passphrase: string) {
    super()
    this.bundle = openBundle(p12, passphrase)
  }

  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    const { key, certificates, certificate } = this.bundle
    const p7 = forge.pkcs7.createSignedData()
    p7.content = forge.util.createBuffer(pdfBuffer.toString("binary"))
    for (const cert of certificates) p7.addCertificate(cert)
    // forge only calls `sign(md)` on the key, so a native implementation can stand in.
    const nativeKey = {
      sign: (md: forge.md.MessageDigest): string =>
        privateEncrypt(
          { key, padding: constants.RSA_PKCS1_PADDING },
          Buffer.concat([SHA256_DIGEST_INFO, Buffer.from(md.digest().getBytes(), "binary")])
        ).toString("binary")
    }
    p7.addSigner({
      key: nativeKey as unknown as forge.pki.rsa.PrivateKey,
      certificate,
      digestAlgorithm: OID.sha256,
      authenticatedAttributes: [
        { type: OID.contentType, value: OID.data },
        // forge accepts a Date here although its typings say string.
        { type: OID.signingTime, value: (signingTime ?? new Date()) as unknown as string },
        { type: OID.messageDigest }
      ]
    })
    p7.sign({ detached: true })
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), "binary")
  }
}
