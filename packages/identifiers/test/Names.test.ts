import { describe, expect, it } from "vitest"
import { looksLikeMojibake, nameKey, normalizeName } from "../src/index.js"

describe("normalizeName", () => {
  it("composes to NFC and collapses spaces", () => {
    expect(normalizeName("  A\u030Asen\u00A0 Kari ")).toBe("\u00C5sen Kari")
  })
  it("keeps Sami letters", () => {
    const sami = "Máret Čoavddaš Đuođaš Ŋuolja Ŧ Žž"
    expect(normalizeName(sami)).toBe(sami)
    expect(looksLikeMojibake(sami)).toBe(false)
  })
})

describe("looksLikeMojibake", () => {
  it.each([
    "BjÃ¸rn",
    "Ã…sen",
    "SÃ¦ther",
    "JÃ¤rvinen",
    "SÃ¶derberg",
    "Ã˜stby",
    "Ã†rÃ¸",
    "Ã„ijÃ¤lÃ¤",
    "Ã–berg",
    "MÃ¡ret",
    "ÄŒoavddaÅ¡",
    "Ku\uFFFDla"
  ])("detects %s", (name) => expect(looksLikeMojibake(name)).toBe(true))
  it.each([
    "Bjørn",
    "Åsen",
    "Sæther",
    "Järvinen",
    "Söderberg",
    "Østby",
    "Ærø",
    "Å",
    "Ängelholm",
    "João Ãvila"
  ])("accepts %s", (name) => expect(looksLikeMojibake(name)).toBe(false))
})

describe("nameKey", () => {
  it.each([
    ["Bjørn", "Björn"],
    ["Bjørn", "Bjoern"],
    ["Bjørn", "BJORN"],
    ["Aasen", "Åsen"],
    ["Sæther", "Saether"],
    ["Bär", "Baer"],
    ["Müller", "Mueller"],
    ["A\u030Asen", "Åsen"],
    ["Anne-Marie  Ørn", "anne marie orn"],
    ["Čoavddaš", "Coavddas"]
  ])("%s ~ %s", (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b))
  })
  it("keeps different names apart", () => {
    expect(nameKey("Berg")).not.toBe(nameKey("Borg"))
  })
})
