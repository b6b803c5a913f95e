import { describe, expect, it } from "vitest"
import { KeyTable } from "../src/plan/internal/KeyTable.js"
import { RowPairs } from "../src/plan/internal/RowPairs.js"

describe("KeyTable", () => {
  it("returns the first row of a key seen before, across growth", () => {
    const table = new KeyTable(4)
    for (let i = 0; i < 10_000; i++)
      expect(table.firstOrAdd(`org-no:${900_000_000 + i}`, i + 2)).toBeUndefined()
    expect(table.size).toBe(10_000)
    for (let i = 0; i < 10_000; i += 997)
      expect(table.firstOrAdd(`org-no:${900_000_000 + i}`, 99_999)).toBe(i + 2)
    expect(table.size).toBe(10_000)
  })

  it("tells apart keys that differ in one character, in length or in the tail", () => {
    const table = new KeyTable()
    const keys = [
      "a",
      "ab",
      "abc",
      "person-no:01018012345",
      "person-no:01018012346",
      "person-no:0101801234",
      "æøå",
      ""
    ]
    expect(keys.map((key, i) => table.firstOrAdd(key, i + 1))).toEqual(keys.map(() => undefined))
    expect(keys.map((key) => table.firstOrAdd(key, 100))).toEqual(keys.map((_, i) => i + 1))
  })
})

describe("KeyTable.capacityFor", () => {
  it("sizes for the expected entities at a load of at most 5/8, within bounds", () => {
    expect(KeyTable.capacityFor(0)).toBe(1 << 16)
    expect(KeyTable.capacityFor(1_000_000)).toBe(1 << 21)
    expect(KeyTable.capacityFor(1_300_000)).toBe(1 << 21)
    expect(KeyTable.capacityFor(1_400_000)).toBe(1 << 22)
    expect(KeyTable.capacityFor(1e12)).toBe(1 << 22)
    const table = new KeyTable(KeyTable.capacityFor(100_000))
    for (let i = 0; i < 100_000; i++) table.firstOrAdd(`k${i}`, i + 1)
    expect(table.firstOrAdd("k99999", 1)).toBe(100_000)
  })
})

describe("RowPairs", () => {
  it("gives the later rows of a first row in order, across growth", () => {
    const pairs = new RowPairs()
    for (let i = 0; i < 5000; i++) pairs.add(i % 3 === 0 ? 2 : 7, i + 10)
    const ofTwo = pairs.laterOf(2)
    expect(ofTwo).toHaveLength(1667)
    expect(ofTwo.slice(0, 3)).toEqual([10, 13, 16])
    expect(pairs.laterOf(7).at(-1)).toBe(5009)
    expect(pairs.laterOf(99)).toEqual([])
  })
})
