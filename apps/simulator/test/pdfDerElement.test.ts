import { describe, expect, it } from "vitest"
import { derElement } from "../src/pdf/internal/derElement.js"

describe("derElement (the CMS blob inside a zero-padded /Contents)", () => {
  it("keeps a blob whose last bytes are zeros", () => {
    const blob = [0x30, 0x04, 0x02, 0x02, 0x01, 0x00]
    expect([...(derElement(new Uint8Array([...blob, 0, 0, 0, 0])) ?? [])]).toEqual(blob)
  })

  it("reads long-form lengths", () => {
    const body = new Array<number>(300).fill(0)
    const blob = [0x30, 0x82, 0x01, 0x2c, ...body]
    expect(derElement(new Uint8Array([...blob, 0, 0]))?.length).toBe(blob.length)
  })

  it("refuses a length that runs past the bytes", () => {
    expect(derElement(new Uint8Array([0x30, 0x10, 0x00]))).toBeUndefined()
    expect(derElement(new Uint8Array([0x30]))).toBeUndefined()
  })
})
