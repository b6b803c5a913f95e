import type { HitPin } from "../fixtures.js"
import { isNorwegian, type JsonObject } from "./json.js"
import { FOREIGN_PLACES } from "./names.js"
import type { Rng } from "./Rng.js"

const SANCTION_LISTS: ReadonlyArray<string> = ["EU_GLOBAL", "UN_CONSOLIDATED", "HMTREASURY"]
export const PEP_LISTS: ReadonlyArray<string> = ["PEP_AC", "PEP_EDGE"]

export const sanctionListsSearched = (ofac: boolean): string[] => [
  ...SANCTION_LISTS,
  ...(ofac ? ["OFAC"] : [])
]

export interface HitSubject {
  readonly name: string
  readonly dateOfBirth: string | null
  readonly gender: "Male" | "Female" | null
  /** The query carried an identity number the list entry also holds: the strongest possible match. */
  readonly identityMatch: boolean
  /** Organizations: the listed name equals the registered name. */
  readonly exactName: boolean
  readonly countryCode: string
  readonly countryName: string
  readonly city: string
}

interface Strength {
  readonly matchIndicator: number
  readonly nameMatchValue: number
  readonly description: string
}

const strengthOf = (rng: Rng, subject: HitSubject, language: string): Strength => {
  const no = isNorwegian(language)
  if (subject.identityMatch) {
    return {
      matchIndicator: 500,
      nameMatchValue: 1,
      description: no ? "Full match på identitetsnummer" : "Full match on identity number"
    }
  }
  if (subject.exactName) {
    return {
      matchIndicator: rng.int(40, 48) * 10,
      nameMatchValue: 1,
      description: no ? "Eksakt treff på navn" : "Exact name match"
    }
  }
  if (subject.dateOfBirth !== null) {
    return {
      matchIndicator: rng.int(30, 45) * 10,
      nameMatchValue: rng.int(90, 100) / 100,
      description: no ? "Treff på navn og fødselsdato" : "Name and date of birth match"
    }
  }
  return {
    matchIndicator: rng.int(10, 29) * 10,
    nameMatchValue: rng.int(80, 97) / 100,
    description: no ? "Treff på navn" : "Name match"
  }
}

const stamp = (rng: Rng, from: number, to: number): string => `${rng.date(from, to)}T00:00:00`

const homeAddress = (subject: HitSubject): JsonObject => ({
  countryName: subject.countryName,
  countryCode: subject.countryCode,
  street: null,
  postCode: null,
  city: subject.city
})

const foreignAddress = (rng: Rng): JsonObject => {
  const [countryCode, countryName, city] = rng.pick(FOREIGN_PLACES)
  return {
    countryName,
    countryCode,
    street: rng.chance(0.5) ? `${rng.int(1, 200)} Harbour Road` : null,
    postCode: null,
    city
  }
}

const aliasesOf = (name: string, isOrganization: boolean): string[] => {
  const parts = name.split(" ")
  if (isOrganization) return parts.length > 1 ? [parts.slice(0, -1).join(" "), name.toUpperCase()] : [name]
  if (parts.length < 2) return [name.toUpperCase()]
  const last = parts[parts.length - 1] ?? ""
  return [`${last}, ${parts.slice(0, -1).join(" ")}`, name.toUpperCase()]
}

const PEP_POSITIONS: ReadonlyArray<readonly [title: string, fn: string]> = [
  ["Member of Parliament", "Member of the national parliament (Stortinget)"],
  ["State Secretary", "Member of government"],
  ["Mayor", "Head of a municipality"],
  ["Supreme Court Justice", "Member of a supreme court"],
  ["Ambassador", "Head of a diplomatic mission"],
  ["Board member", "Member of the board of a state-owned enterprise"],
  ["Family member", "Spouse of a politically exposed person"],
  ["Close associate", "Known close business associate of a politically exposed person"]
]

const hitMetadata = (source: string, lastUpdate: string): JsonObject => ({
  sources: [source],
  urls: [],
  lastChanged: lastUpdate
})

export const pepHit = (rng: Rng, subject: HitSubject, language: string): JsonObject => {
  const strength = strengthOf(rng, subject, language)
  const [title, fn] = rng.pick(PEP_POSITIONS)
  const externalId = `PEP-${rng.digits(7)}`
  const lastUpdate = stamp(rng, 2021, 2024)
  return {
    matchIndicator: strength.matchIndicator,
    matchIndicatorDescription: strength.description,
    nameMatchValue: strength.nameMatchValue,
    name: subject.name,
    birthDate: subject.dateOfBirth,
    birthDateInfo: [],
    gender: subject.gender === null ? "UNKNOWN" : subject.gender.toUpperCase(),
    title,
    function: fn,
    comment: "Synthetic record (BankID AML simulator).",
    aliasList: aliasesOf(subject.name, false),
    addressList: [homeAddress(subject)],
    urlList: [`https://pep.example/records/${externalId}`],
    provider: "TRAPETS",
    source: "PEP_Edge",
    externalId,
    firstUpdate: stamp(rng, 2014, 2020),
    lastUpdate,
    metadata: hitMetadata("PEP_EDGE", lastUpdate)
  }
}

const SANCTION_SOURCES: ReadonlyArray<readonly [source: string, list: string, idPrefix: string]> = [
  ["EU_GLOBAL", "EU_GLOBAL", "EU."],
  ["UN_CONSOLIDATED_1", "UN_CONSOLIDATED", "QDi."],
  ["HMTREASURY", "HMTREASURY", "GBR"]
]

export interface SanctionHitOptions {
  readonly ofac: boolean
  /** Number of list addresses on each hit (the lists often carry several, of varying quality). */
  readonly addresses: number
  readonly isOrganization: boolean
}

type SanctionSource = readonly [source: string, list: string, idPrefix: string]

const sanctionHit = (
  rng: Rng,
  subject: HitSubject,
  language: string,
  [source, list, idPrefix]: SanctionSource,
  options: Omit<SanctionHitOptions, "ofac">
): JsonObject => {
  const strength = strengthOf(rng, subject, language)
  const externalId = `${idPrefix}${rng.digits(4)}.${rng.digits(2)}`
  const lastUpdate = stamp(rng, 2022, 2024)
  const addressList = Array.from({ length: options.addresses }, (_, i) =>
    i === 0 ? homeAddress(subject) : foreignAddress(rng)
  )
  return {
    matchIndicator: strength.matchIndicator,
    matchIndicatorDescription: strength.description,
    nameMatchValue: strength.nameMatchValue,
    name: subject.name,
    birthDate: options.isOrganization ? null : subject.dateOfBirth,
    birthDateInfo:
      options.isOrganization || subject.dateOfBirth === null ? [] : [subject.dateOfBirth.slice(0, 4)],
    gender: options.isOrganization
      ? null
      : subject.gender === null
        ? "UNKNOWN"
        : subject.gender.toUpperCase(),
    title: null,
    function: null,
    comment:
      "Synthetic listing: asset freeze and prohibition on making funds available (BankID AML simulator).",
    aliasList: aliasesOf(subject.name, options.isOrganization),
    addressList,
    urlList: [`https://sanctions.example/${list.toLowerCase()}/${externalId}`],
    provider: "TRAPETS",
    source,
    externalId,
    firstUpdate: stamp(rng, 2014, 2021),
    lastUpdate,
    metadata: hitMetadata(list, lastUpdate)
  }
}

/** One hit per list the subject appears on: an EU entry always, UN sometimes, OFAC only when searched. */
export const sanctionHits = (
  rng: Rng,
  subject: HitSubject,
  language: string,
  options: SanctionHitOptions
): JsonObject[] => {
  const listed = SANCTION_SOURCES.filter((_, i) => i === 0 || rng.chance(0.4))
  const sources = options.ofac ? [...listed, ["OFAC", "OFAC", "SDN-"] as const] : listed
  return sources.map((source) => sanctionHit(rng, subject, language, source, options))
}

/** The strength a fixture pins: identity (500), name and birth date, or a fuzzy name (another listed name). */
const pinnedStrength = (pin: HitPin, language: string): JsonObject => {
  const no = isNorwegian(language)
  const fuzzy = pin.name !== undefined
  const description =
    pin.matchIndicator >= 500
      ? no
        ? "Full match på identitetsnummer"
        : "Full match on identity number"
      : fuzzy
        ? no
          ? "Treff på lignende navn (fuzzy-søk)"
          : "Similar name (fuzzy search)"
        : no
          ? "Treff på navn og fødselsdato"
          : "Name and date of birth match"
  return {
    matchIndicator: pin.matchIndicator,
    matchIndicatorDescription: description,
    nameMatchValue: fuzzy ? Math.round(30 + pin.matchIndicator / 5) / 100 : 1
  }
}

/** A PEP hit with the strength, listed name and comment a fixture pins. */
export const pinnedPepHit = (rng: Rng, subject: HitSubject, language: string, pin: HitPin): JsonObject => ({
  ...pepHit(rng, { ...subject, name: pin.name ?? subject.name }, language),
  ...pinnedStrength(pin, language),
  ...(pin.comment === undefined ? {} : { comment: pin.comment })
})

/** A sanction hit from the one list a fixture pins (EU_GLOBAL unless it says otherwise). */
export const pinnedSanctionHit = (
  rng: Rng,
  subject: HitSubject,
  language: string,
  pin: HitPin,
  addresses: number
): JsonObject => {
  const source =
    SANCTION_SOURCES.find(([, list]) => list === (pin.list ?? "EU_GLOBAL")) ?? SANCTION_SOURCES[0]
  if (source === undefined) throw new Error("no sanction sources")
  return {
    ...sanctionHit(rng, { ...subject, name: pin.name ?? subject.name }, language, source, {
      addresses,
      isOrganization: false
    }),
    ...pinnedStrength(pin, language),
    ...(pin.comment === undefined ? {} : { comment: pin.comment })
  }
}
