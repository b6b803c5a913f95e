import { Wire } from "../../src/index.js"
import { describe, expect, it } from "vitest"

describe("nodeState", () => {
  it.each([
    [undefined, "absent"],
    [null, "null"],
    [[], "empty"],
    [{}, "empty"],
    [{ sanctionResults: [], message: null }, "empty"],
    [{ beneficials: [], metadata: { sources: ["BRREG"] } }, "empty"],
    [{ visitingAddress: { street: null, city: null } }, "empty"],
    [{ sanctionResults: [], status: "NONE" }, "filled"],
    [[{}], "filled"],
    [0, "filled"],
    [false, "filled"],
    ["", "filled"]
  ])("%o is %s", (value, state) => {
    expect(Wire.nodeState(value)).toBe(state)
  })
})

describe("emptyElements", () => {
  const result = {
    keyInformation: { name: "X" },
    lei: { leiNumber: null, metadata: null },
    ownership: { beneficials: [], shareholders: [{ name: "Y" }] },
    procuration: null,
    roles: [{ role: "CEO" }]
  }

  it("lists requested elements that came back empty, not the missing ones", () => {
    expect(
      Wire.emptyElements(result, [
        "lei",
        "roles",
        "ownership.beneficials",
        "ownership.shareholders",
        "procuration",
        "aml"
      ])
    ).toEqual(["lei", "ownership.beneficials", "procuration"])
  })

  it("walks dotted paths and stops at non-objects", () => {
    expect(Wire.valueAtPath(result, "ownership.shareholders.0")).toBeUndefined()
    expect(Wire.valueAtPath(result, "keyInformation.name")).toBe("X")
    expect(Wire.valueAtPath(result, "roles.length")).toBeUndefined()
  })
})
