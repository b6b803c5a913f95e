import { createHash, generateKeyPairSync } from "node:crypto"
import forge from "node-forge"

export interface SigningIdentity {
  readonly certificatePem: string
  readonly p12: Uint8Array
  readonly passphrase: string
}

export interface SigningIdentityOptions {
  readonly certificatePem?: string
  readonly privateKeyPem?: string
}

const COMMON_NAME = "BankID AML Simulator Test Signing"
// Not a secret: it only wraps a throw-away test key inside the simulator process.
const PASSPHRASE = "bankid-aml-simulator"
// Fixed validity so that one key always yields the same certificate bytes.
const NOT_BEFORE = new Date(Date.UTC(2025, 0, 1))
const NOT_AFTER = new Date(Date.UTC(2035, 0, 1))

const subject: forge.pki.CertificateField[] = [
  { name: "commonName", value: COMMON_NAME },
  { name: "organizationName", value: "nordscreen simulator" },
  { name: "countryName", value: "NO" }
]

/** Positive 16-byte serial taken from the SHA-256 of the public key. */
const serialFor = (publicKey: forge.pki.rsa.PublicKey): string => {
  const der = forge.asn1.toDer(forge.pki.publicKeyToAsn1(publicKey)).getBytes()
  const hex = createHash("sha256").update(Buffer.from(der, "binary")).digest("hex").slice(0, 32)
  return `${(Number.parseInt(hex[0] ?? "0", 16) & 0x7).toString(16)}${hex.slice(1)}`
}

const selfSigned = (
  privateKey: forge.pki.rsa.PrivateKey,
  publicKey: forge.pki.rsa.PublicKey
): forge.pki.Certificate => {
  const cert = forge.pki.createCertificate()
  cert.publicKey = publicKey
  cert.serialNumber = serialFor(publicKey)
  cert.validity.notBefore = NOT_BEFORE
  cert.validity.notAfter = NOT_AFTER
  cert.setSubject(subject)
  cert.setIssuer(subject)
  cert.setExtensions([
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, nonRepudiation: true },
    { name: "subjectKeyIdentifier" }
  ])
  cert.sign(privateKey, forge.md.sha256.create())
  return cert
}

const toP12 = (privateKey: forge.pki.rsa.PrivateKey, cert: forge.pki.Certificate): Uint8Array => {
  const asn1 = forge.pkcs12.toPkcs12Asn1(privateKey, [cert], PASSPHRASE, {
    algorithm: "3des",
    friendlyName: COMMON_NAME
  })
  return new Uint8Array(Buffer.from(forge.asn1.toDer(asn1).getBytes(), "binary"))
}

/** A self-signed RSA-2048 test signing certificate and its PKCS#12 bundle. A given key gets a
 * self-signed certificate of its own (the same one every time) unless a certificate is given too. */
export const createSigningIdentity = async (
  options: SigningIdentityOptions = {}
): Promise<SigningIdentity> => {
  const { certificatePem, privateKeyPem } = options
  if (certificatePem !== undefined && privateKeyPem === undefined) {
    throw new Error("createSigningIdentity needs the private key of the given certificate")
  }
  // Node's native generator: forge's pure-JS RSA key generation takes seconds.
  const keyPem =
    privateKeyPem ??
    generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString()
  const privateKey = forge.pki.privateKeyFromPem(keyPem)
  const publicKey = forge.pki.setRsaPublicKey(privateKey.n, privateKey.e)
  const cert =
    certificatePem === undefined
      ? selfSigned(privateKey, publicKey)
      : forge.pki.certificateFromPem(certificatePem)
  const certKey = cert.publicKey as forge.pki.rsa.PublicKey
  if (certKey.n.compareTo(publicKey.n) !== 0)
    throw new Error("The signing certificate does not match the private key")
  return {
    certificatePem: forge.pki.certificateToPem(cert),
    p12: toP12(privateKey, cert),
    passphrase: PASSPHRASE
  }
}
