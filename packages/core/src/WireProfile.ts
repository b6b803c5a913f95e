import { readFileSync } from "node:fs"
import { Either, ParseResult, Schema } from "effect"
import { AmlConfigError } from "./Errors.js"

/**
 * Every detail of a create request that is our convention rather than BankID's published text
 * (contract §16): adapters and the session lifecycle build bodies from it, so the first contact
 * with the real service is fixed by configuration, not by a code change. Flat, so a JSON file
 * overrides any field by naming it.
 */
export const WireProfile = Schema.Struct({
  /**
   * The profile's name. In a file, naming a built-in (`simulator`, `bankid`) makes it the base
   * the file's other fields override; else the base is `--wire-profile`'s.
   */
  name: Schema.String,
  /** Person body: fields at the top level (`flat`, §5.3) or under `identifier` (`nested`, §16.2). */
  personShape: Schema.Literal("flat", "nested"),
  /**
   * A single name column: `send` puts it in `name` (§5.3 [I]); `split` sends `firstName` and
   * `lastName` (last word is the last name; `Last, First` is read as written).
   */
  personFullName: Schema.Literal("send", "split"),
  /** Send `country: "NO"` with a person's national identity number (§5.3 [L]). */
  personCountry: Schema.Boolean,
  /** How PDFs are chosen: `links.reports.*` expands, the `reports` parameter (§16.1), or both. */
  pdfSelection: Schema.Literal("expands", "reports", "both"),
  /** Send an organization's `nationality` (§5.1; only an older guide names it: §16.5). */
  sendNationality: Schema.Boolean,
  /** Send `identifierType: "DUNS"` for DUNS numbers (§5.1 [I]). */
  sendIdentifierType: Schema.Boolean,
  /** Send the hashed execution key as `reference` (§5.1 [I]). */
  sendReference: Schema.Boolean,
  /** The field that carries the webhook block when webhooks are on (§5.5 [I]); null: never sent. */
  webhookField: Schema.NullOr(Schema.String),
  /** Expand as the client knows it → spelling sent (§16.3: `lei` → `keyInformation.lei`). */
  expandSpellings: Schema.Record({ key: Schema.String, value: Schema.String })
}).annotations({ identifier: "WireProfile" })
export type WireProfile = typeof WireProfile.Type

/** Today's shapes: what the simulator was built with (contract §5). */
const simulator: WireProfile = {
  name: "simulator",
  personShape: "flat",
  personFullName: "send",
  personCountry: true,
  pdfSelection: "expands",
  sendNationality: true,
  sendIdentifierType: true,
  sendReference: true,
  webhookField: "webhook",
  expandSpellings: {}
}

/**
 * Only what BankID's guides name (contract §16): no `nationality`, `identifierType`,
 * `reference` or full `name`; PDFs through the `links.reports.*` expands both guides name; the
 * LEI expand as the guides spell it. Webhooks follow the run's settings (off unless configured).
 */
const bankid: WireProfile = {
  name: "bankid",
  personShape: "flat",
  personFullName: "split",
  personCountry: false,
  pdfSelection: "expands",
  sendNationality: false,
  sendIdentifierType: false,
  sendReference: false,
  webhookField: "webhook",
  expandSpellings: { lei: "keyInformation.lei" }
}

export const BUILT_IN_PROFILES = { simulator, bankid } as const
export type BuiltInProfile = keyof typeof BUILT_IN_PROFILES

/** The profile an environment uses unless told otherwise: `bankid` for `preprod` and `prod`. */
export const defaultProfileName = (environment: "simulator" | "preprod" | "prod"): BuiltInProfile =>
  environment === "simulator" ? "simulator" : "bankid"

const isBuiltIn = (name: string): name is BuiltInProfile => Object.hasOwn(BUILT_IN_PROFILES, name)

const Overrides = Schema.parseJson(Schema.partialWith(WireProfile, { exact: true })).annotations({
  parseOptions: { onExcessProperty: "error" }
})

const profileError = (setting: string, reason: string) => new AmlConfigError({ setting, reason })

/**
 * A built-in profile, with the fields of a JSON file (`--wire-profile-file`) laid over it. The
 * file may name its base (`"name": "bankid"`); else the environment's built-in is the base. An
 * unknown field or a wrong value fails with the field named.
 */
export const resolveWireProfile = (request: {
  readonly base: string
  readonly file?: string | undefined
}): Either.Either<WireProfile, AmlConfigError> => {
  const baseSetting = "wireProfile (env NORDSCREEN_WIRE_PROFILE)"
  const fileSetting = "wireProfileFile (env NORDSCREEN_WIRE_PROFILE_FILE)"
  const lower = request.base.toLowerCase()
  if (!isBuiltIn(lower)) {
    return Either.left(
      profileError(
        baseSetting,
        `expected one of ${Object.keys(BUILT_IN_PROFILES).join(" | ")}, got "${request.base}"`
      )
    )
  }
  if (request.file === undefined) return Either.right(BUILT_IN_PROFILES[lower])
  const path = request.file
  let text: string
  try {
    text = readFileSync(path, "utf8")
  } catch (cause) {
    return Either.left(
      profileError(
        fileSetting,
        `cannot read ${path}: ${cause instanceof Error ? cause.message : String(cause)}`
      )
    )
  }
  return Either.flatMap(
    Either.mapLeft(Schema.decodeUnknownEither(Overrides)(text), (error) =>
      profileError(fileSetting, `${path}: ${ParseResult.TreeFormatter.formatErrorSync(error)}`)
    ),
    (overrides) => {
      const named = overrides.name?.toLowerCase()
      const base =
        named !== undefined && isBuiltIn(named) ? BUILT_IN_PROFILES[named] : BUILT_IN_PROFILES[lower]
      return Either.right({ ...base, ...overrides, name: overrides.name ?? `${base.name} + ${path}` })
    }
  )
}

/** The expand as the profile spells it on the wire. */
export const wireSpelling = (profile: WireProfile, expand: string): string =>
  profile.expandSpellings[expand] ?? expand
