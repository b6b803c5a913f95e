// MurmurHash3 x86_128 over the UTF-16 code units of a string (two units per 32-bit block),
// seeded. Used only to de-duplicate entity keys in memory; see KeyTable.

const C1 = 0x239b961b
const C2 = 0xab0e9789
const C3 = 0x38b34ae5
const C4 = 0xa1e38b93

const rotl = (x: number, r: number): number => (x << r) | (x >>> (32 - r))

const fmix = (h: number): number => {
  let x = h ^ (h >>> 16)
  x = Math.imul(x, 0x85ebca6b)
  x ^= x >>> 13
  x = Math.imul(x, 0xc2b2ae35)
  return (x ^ (x >>> 16)) >>> 0
}

/** Writes the 128-bit hash of `text` into `out[0..3]`. */
export const murmur128 = (text: string, seed: number, out: Uint32Array): void => {
  let h1 = seed
  let h2 = seed
  let h3 = seed
  let h4 = seed
  const blocks = Math.floor(text.length / 8)
  const word = (i: number): number => text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16)
  for (let b = 0; b < blocks; b++) {
    const i = b * 8
    let k1 = word(i)
    let k2 = word(i + 2)
    let k3 = word(i + 4)
    let k4 = word(i + 6)
    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2)
    h1 ^= k1
    h1 = Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b
    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3)
    h2 ^= k2
    h2 = Math.imul(rotl(h2, 17) + h3, 5) + 0x0bcaa747
    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4)
    h3 ^= k3
    h3 = Math.imul(rotl(h3, 15) + h4, 5) + 0x96cd1c35
    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1)
    h4 ^= k4
    h4 = Math.imul(rotl(h4, 13) + h1, 5) + 0x32ac3b17
  }
  // Tail: up to 7 code units, folded into the four lanes like the reference folds tail bytes.
  const tail = [0, 0, 0, 0]
  for (let i = blocks * 8, j = 0; i < text.length; i++, j++) {
    const lane = j >> 1
    tail[lane] = (tail[lane] ?? 0) | (text.charCodeAt(i) << ((j & 1) * 16))
  }
  h1 ^= Math.imul(rotl(Math.imul(tail[0] ?? 0, C1), 15), C2)
  h2 ^= Math.imul(rotl(Math.imul(tail[1] ?? 0, C2), 16), C3)
  h3 ^= Math.imul(rotl(Math.imul(tail[2] ?? 0, C3), 17), C4)
  h4 ^= Math.imul(rotl(Math.imul(tail[3] ?? 0, C4), 18), C1)
  const length = text.length * 2
  h1 ^= length
  h2 ^= length
  h3 ^= length
  h4 ^= length
  h1 = (h1 + h2 + h3 + h4) | 0
  h2 = (h2 + h1) | 0
  h3 = (h3 + h1) | 0
  h4 = (h4 + h1) | 0
  h1 = fmix(h1)
  h2 = fmix(h2)
  h3 = fmix(h3)
  h4 = fmix(h4)
  h1 = (h1 + h2 + h3 + h4) | 0
  h2 = (h2 + h1) | 0
  h3 = (h3 + h1) | 0
  h4 = (h4 + h1) | 0
  out[0] = h1
  out[1] = h2
  out[2] = h3
  out[3] = h4
}
