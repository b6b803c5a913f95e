/** The first DER element of `bytes` (definite length), or undefined when the header is broken. */
export const derElement = (bytes: Uint8Array): Uint8Array | undefined => {
  const first = bytes[1]
  if (bytes.length < 2 || first === undefined) return undefined
  let length = first
  let header = 2
  if (first >= 0x80) {
    const count = first & 0x7f
    if (count === 0 || count > 4 || bytes.length < 2 + count) return undefined
    length = 0
    for (const byte of bytes.subarray(2, 2 + count)) length = length * 256 + byte
    header = 2 + count
  }
  return header + length <= bytes.length ? bytes.subarray(0, header + length) : undefined
}
