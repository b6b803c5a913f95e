import { makeOrganizationNumber } from "./firms.js"
import { INDUSTRIES } from "./catalog.js"
import { FOREIGN_PLACES, NAME_POOLS } from "./names.js"
import { Rng } from "./Rng.js"

export type PersonStatus = "RESIDENT" | "DECEASED" | "EMIGRATED"

export interface PostalLine {
  readonly address: string
  readonly address2: string | null
  readonly postalcode: string
  readonly city: string
  readonly country: string
  readonly registeredDate: string
}

export interface PersonRole {
  readonly role: string
  readonly organizationNumber: string
  readonly organizationName: string
}

/** Registry-side facts about a person; names and birth date come from the query or a fixture. */
export interface PersonFacts {
  readonly birthplace: string
  readonly citizenship: ReadonlyArray<string>
  readonly historicNames: ReadonlyArray<{
    readonly lastName: string
    readonly from: string
    readonly to: string
  }>
  readonly status: PersonStatus
  readonly national: PostalLine
  readonly postal: PostalLine
  readonly historic: ReadonlyArray<PostalLine>
  readonly residents: number
  readonly houseType: string
  readonly roles: ReadonlyArray<PersonRole>
  readonly lastChanged: string
}

export interface PersonFactsInput {
  readonly key: string
  readonly lastName: string
  readonly dateOfBirth: string | null
  readonly status: PersonStatus
  /** D-numbers are issued to foreign nationals. */
  readonly foreign: boolean
}

const HOUSE_TYPES = [
  "DetachedHouse",
  "Duplex",
  "Terraced",
  "Apartment",
  "Apartment",
  "OfficePublicStudentHouseOrOthers"
]

const norwegianLine = (rng: Rng, from: number, to: number): PostalLine => {
  const pool = NAME_POOLS.NO
  const [postalcode, city] = rng.pick(pool.cities)
  return {
    address: `${rng.pick(pool.streets)} ${rng.int(1, 120)}${rng.chance(0.3) ? rng.pick(["A", "B", "C"]) : ""}`,
    address2: rng.chance(0.2) ? `H0${rng.int(1, 4)}0${rng.int(1, 4)}` : null,
    postalcode,
    city,
    country: "NO",
    registeredDate: rng.date(from, to)
  }
}

const foreignLine = (rng: Rng, from: number, to: number): PostalLine => {
  const [country, , city] = rng.pick(FOREIGN_PLACES)
  return {
    address: `${rng.int(1, 200)} ${rng.pick(["Main Street", "Harbour Road", "Avenue Centrale"])}`,
    address2: null,
    postalcode: rng.digits(5),
    city,
    country,
    registeredDate: rng.date(from, to)
  }
}

const makeRoles = (rng: Rng): PersonRole[] => {
  const count = rng.weighted([
    [0, 55],
    [1, 30],
    [2, 10],
    [3, 5]
  ])
  return Array.from({ length: count }, () => {
    const industry = rng.pick(INDUSTRIES)
    return {
      role: rng.pick([
        "CEO",
        "CHAIRMAN_OF_THE_BOARD",
        "BOARD_MEMBER",
        "BOARD_MEMBER",
        "DEPUTY_BOARD_MEMBER",
        "PROPRIETOR"
      ]),
      organizationNumber: makeOrganizationNumber(rng, "NO"),
      organizationName: `${rng.pick(NAME_POOLS.NO.companyFirst)} ${industry.word.NO} AS`
    }
  })
}

export const makePersonFacts = (input: PersonFactsInput): PersonFacts => {
  const rng = new Rng(`${input.key}|person`)
  const birthYear = input.dateOfBirth === null ? 1970 : Number(input.dateOfBirth.slice(0, 4))
  const adultYear = Math.min(birthYear + 18, 2023)
  const historic = Array.from({ length: rng.int(0, 3) }, () => norwegianLine(rng, adultYear, 2015))
  const living =
    input.status === "EMIGRATED"
      ? foreignLine(rng, 2016, 2024)
      : norwegianLine(rng, Math.max(adultYear, 2016), 2024)
  const postal = rng.chance(0.15)
    ? { ...living, address: `Postboks ${rng.int(1, 9999)}`, address2: null }
    : living
  const [foreignCountry, , foreignCity] = rng.pick(FOREIGN_PLACES)
  const renamed = rng.chance(0.3)
  return {
    birthplace: input.foreign ? foreignCity : rng.pick(NAME_POOLS.NO.cities)[1],
    citizenship: input.foreign
      ? [foreignCountry]
      : rng.chance(0.05)
        ? ["NO", rng.pick(["SE", "DK", "US"])]
        : ["NO"],
    historicNames: renamed
      ? [
          {
            lastName: rng.pick(NAME_POOLS.NO.last),
            from: `${adultYear}-01-01`,
            to: rng.date(adultYear + 1, 2023)
          }
        ]
      : [],
    status: input.status,
    national: living,
    postal,
    historic,
    residents: rng.int(1, 5),
    houseType: rng.pick(HOUSE_TYPES),
    roles: makeRoles(rng),
    lastChanged: `${rng.date(2024, 2024)}T00:00:00`
  }
}
