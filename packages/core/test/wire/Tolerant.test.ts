import { Wire } from "../../src/index.js"
import { DateTime, Either, Option, Schema } from "effect"
import { describe, expect, it } from "vitest"

const decode = <A, I>(schema: Schema.Schema<A, I>, input: unknown, onExcessProperty?: "error") =>
  Schema.decodeUnknownEither(schema, onExcessProperty === undefined ? {} : { onExcessProperty })(input)

describe("opt", () => {
  const Node = Wire.WireStruct({ list: Wire.opt(Schema.Array(Schema.String)) })

  it("keeps absent, null and [] apart", () => {
    expect(decode(Node, {})).toEqual(Either.right({}))
    expect(decode(Node, { list: null })).toEqual(Either.right({ list: null }))
    expect(decode(Node, { list: [] })).toEqual(Either.right({ list: [] }))
  })

  it("still rejects a value of the wrong type", () => {
    expect(Either.isLeft(decode(Node, { list: "a" }))).toBe(true)
  })
})

describe("OpenEnum", () => {
  const Status = Wire.OpenEnum("NONE", "SANCTION")

  it("accepts known and unknown strings alike", () => {
    expect(decode(Status, "NONE")).toEqual(Either.right("NONE"))
    expect(decode(Status, "ADDED_IN_2031")).toEqual(Either.right("ADDED_IN_2031"))
  })

  it("is still a string type", () => {
    expect(Either.isLeft(decode(Status, 3))).toBe(true)
  })
})

describe("WireStruct", () => {
  const Node = Wire.WireStruct({
    name: Wire.opt(Schema.String),
    inner: Wire.opt(Wire.WireStruct({ a: Wire.opt(Schema.Number) }))
  })
  const input = { name: "x", extra: 1, inner: { a: 1, extra: { deep: true } } }

  it("ignores unknown properties at every level, even when the caller asks for errors", () => {
    expect(decode(Node, input)).toEqual(Either.right({ name: "x", inner: { a: 1 } }))
    expect(decode(Node, input, "error")).toEqual(Either.right({ name: "x", inner: { a: 1 } }))
  })

  it("differs from a plain struct, which would fail on excess properties when asked to", () => {
    const Plain = Schema.Struct({ name: Schema.String })
    expect(Either.isLeft(decode(Plain, { name: "x", extra: 1 }, "error"))).toBe(true)
  })
})

describe("WireDateTime", () => {
  it.each([
    "2024-04-30",
    "2016-12-15T00:00:00",
    "2024-04-30T10:00:00Z",
    "2024-04-30T10:00:00.123+02:00",
    "2024-04-30T10:00:00+0200",
    "2024-04-30T10:00",
    "2024-04-30 10:00:00"
  ])("accepts %s", (value) => {
    expect(decode(Wire.WireDateTime, value)).toEqual(Either.right(value))
  })

  it.each(["30.04.2024", "yesterday", "2024-04-30T10", ""])("rejects %s", (value) => {
    expect(Either.isLeft(decode(Wire.WireDateTime, value))).toBe(true)
  })

  it("reads a zone-less value as Oslo wall-clock time, a zoned one as given", () => {
    const iso = (value: string, zone?: string) =>
      Option.map(Wire.wireDateTimeToUtc(value, zone), DateTime.formatIso).pipe(Option.getOrNull)
    expect(iso("2016-12-15T00:00:00")).toBe("2016-12-14T23:00:00.000Z")
    expect(iso("2024-07-01T12:00:00")).toBe("2024-07-01T10:00:00.000Z")
    expect(iso("2024-07-01T12:00:00Z")).toBe("2024-07-01T12:00:00.000Z")
    expect(iso("2024-07-01T12:00:00+01:00")).toBe("2024-07-01T11:00:00.000Z")
    expect(iso("2024-07-01", "UTC")).toBe("2024-07-01T00:00:00.000Z")
    expect(iso("not a date")).toBeNull()
  })
})

describe("withKeyAliases", () => {
  const Address = Wire.withKeyAliases(
    Wire.WireStruct({ postalCode: Wire.opt(Schema.String), metadata: Wire.opt(Wire.Metadata) }),
    {
      postalCode: ["postalcode"],
      metadata: ["metaData"]
    }
  )

  it("decodes either spelling to the canonical property", () => {
    expect(decode(Address, { postalcode: "0150", metaData: { sources: ["BRREG"] } })).toEqual(
      Either.right({ postalCode: "0150", metadata: { sources: ["BRREG"] } })
    )
    expect(decode(Address, { postalCode: "0150" })).toEqual(Either.right({ postalCode: "0150" }))
  })

  it("prefers the canonical spelling unless it is null", () => {
    expect(decode(Address, { postalCode: "1", postalcode: "2" })).toEqual(Either.right({ postalCode: "1" }))
    expect(decode(Address, { postalCode: null, postalcode: "2" })).toEqual(Either.right({ postalCode: "2" }))
  })

  it("encodes back to the canonical spelling, which decodes again", () => {
    const decoded = Schema.decodeUnknownSync(Address)({ postalcode: "0150" })
    const encoded = Schema.encodeSync(Address)(decoded)
    expect(Schema.decodeUnknownSync(Address)(encoded)).toEqual(decoded)
  })
})

describe("fromWire", () => {
  it("decodes from unknown and round-trips", () => {
    const schema = Wire.fromWire(Wire.WireStruct({ a: Wire.opt(Schema.Number) }))
    const decoded = Schema.decodeUnknownSync(schema)({ a: 1, b: 2 })
    expect(decoded).toEqual({ a: 1 })
    expect(Schema.encodeSync(schema)(decoded)).toEqual({ a: 1 })
  })
})
