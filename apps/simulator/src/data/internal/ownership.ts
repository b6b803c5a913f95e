import type { Country } from "../types.js"
import type { FormKind } from "./catalog.js"
import { COMPANY_SUFFIX, INDUSTRIES } from "./catalog.js"
import { NAME_POOLS } from "./names.js"
import { makeOrganizationNumber, type Role } from "./firms.js"
import { makePerson, type SyntheticPerson } from "./people.js"
import type { Rng } from "./Rng.js"

export type BeneficialReason =
  | "DIRECT_OWNERSHIP"
  | "INDIRECT_CONTROL_OR_OWNERSHIP"
  | "ROLE_IN_FOUNDATION"
  | "INDIRECT_CONTROL_THROUGH_FOUNDATION_ROLE"
  | "VOTING_RIGHTS"
  | "VOTING_RIGHTS_AND_DIRECT_OWNERSHIP"

export interface Shareholder {
  readonly name: string
  readonly organizationNumber: string | null
  readonly dateOfBirth: string | null
  readonly percentage: number
  readonly type: "PERSON" | "ORGANIZATION"
}

export interface Beneficial {
  readonly person: SyntheticPerson
  readonly percentageControl: number | null
  readonly integratedOwnership: number | null
  readonly reason: BeneficialReason
  readonly citizenship: ReadonlyArray<string>
  readonly birthplace: string
}

export interface Subsidiary {
  readonly name: string
  readonly organizationNumber: string
  readonly percentage: number
}

export interface Ownership {
  readonly shareholders: ReadonlyArray<Shareholder>
  readonly beneficials: ReadonlyArray<Beneficial>
  readonly subsidiaries: ReadonlyArray<Subsidiary>
  readonly indicators: Readonly<Record<string, boolean | number | string | null>>
}

interface Holder {
  readonly shareholder: Shareholder
  /** The person behind a holding company and their share of it (100 = sole owner). */
  readonly ultimate: { readonly person: SyntheticPerson; readonly share: number } | null
  readonly person: SyntheticPerson | null
}

const round2 = (value: number): number => Math.round(value * 100) / 100

/** Splits `total` percent into `count` parts of random size that add up exactly. */
const split = (rng: Rng, count: number, total: number): number[] => {
  const weights = Array.from({ length: count }, () => 0.2 + rng.next())
  const sum = weights.reduce((a, b) => a + b, 0)
  const parts = weights.map((w) => round2((w / sum) * total))
  const last = round2(total - parts.slice(0, -1).reduce((a, b) => a + b, 0))
  return [...parts.slice(0, -1), last].sort((a, b) => b - a)
}

const holdingName = (rng: Rng, country: Country, owner: SyntheticPerson): string => {
  const suffix = COMPANY_SUFFIX[country]
  return rng.chance(0.5)
    ? `${owner.lastName} ${country === "NO" ? "HOLDING" : "Invest"} ${suffix}`.replace(/^./, (c) =>
        c.toUpperCase()
      )
    : `${rng.pick(NAME_POOLS[country].companyFirst)} ${country === "NO" ? "INVEST" : "Invest"} ${suffix}`
}

const personHolder = (person: SyntheticPerson, percentage: number): Holder => ({
  shareholder: {
    name: person.name,
    organizationNumber: null,
    dateOfBirth: person.dateOfBirth,
    percentage,
    type: "PERSON"
  },
  ultimate: null,
  person
})

const companyHolder = (rng: Rng, country: Country, percentage: number): Holder => {
  const owner = makePerson(rng, country)
  return {
    shareholder: {
      name: holdingName(rng, country, owner),
      organizationNumber: makeOrganizationNumber(rng, country),
      dateOfBirth: null,
      percentage,
      type: "ORGANIZATION"
    },
    ultimate: { person: owner, share: rng.chance(0.7) ? 100 : rng.percent(40, 90) },
    person: null
  }
}

const privateHolders = (rng: Rng, country: Country, officers: SyntheticPerson[], mode: Mode): Holder[] => {
  const count = mode === "majority" ? rng.int(1, 2) : mode === "dispersed" ? rng.int(6, 9) : rng.int(1, 4)
  const parts = mode === "majority" && count === 2 ? [rng.percent(60, 90)] : split(rng, count, 100)
  if (parts.length < count) parts.push(round2(100 - (parts[0] ?? 0)))
  return parts.map((percentage, i) => {
    const officer = officers[i]
    const asPerson = mode === "majority" ? i === 0 : officer !== undefined && rng.chance(0.6)
    return asPerson
      ? personHolder(officer ?? makePerson(rng, country), percentage)
      : companyHolder(rng, country, percentage)
  })
}

const publicHolders = (rng: Rng, country: Country, mode: Mode): Holder[] => {
  const count = rng.int(8, 12)
  const anchor = mode !== "dispersed" && rng.chance(0.3) ? rng.percent(25, 40) : rng.percent(8, 20)
  const rest = split(rng, count - 1, rng.percent(30, 55))
  return [anchor, ...rest].map((percentage, i) =>
    i === 0 && anchor >= 25
      ? companyHolder(rng, country, percentage)
      : fundHolder(rng, country, Math.min(percentage, 19.9))
  )
}

const fundHolder = (rng: Rng, country: Country, percentage: number): Holder => ({
  shareholder: {
    name: `${rng.pick(NAME_POOLS[country].companyFirst)} ${country === "NO" ? "VERDIPAPIRFOND" : "Fond"}`,
    organizationNumber: makeOrganizationNumber(rng, country, "515"),
    dateOfBirth: null,
    percentage: round2(percentage),
    type: "ORGANIZATION"
  },
  ultimate: null,
  person: null
})

const beneficialsOf = (rng: Rng, holders: ReadonlyArray<Holder>, country: Country): Beneficial[] =>
  holders.flatMap((holder): Beneficial[] => {
    const pct = holder.shareholder.percentage
    const nationality = { citizenship: [country], birthplace: "" }
    if (holder.person !== null && pct >= 25) {
      const reason = pct > 50 && rng.chance(0.25) ? "VOTING_RIGHTS_AND_DIRECT_OWNERSHIP" : "DIRECT_OWNERSHIP"
      const p = holder.person
      return [
        {
          person: p,
          percentageControl: pct,
          integratedOwnership: pct,
          reason,
          ...nationality,
          birthplace: p.city
        }
      ]
    }
    if (holder.ultimate === null || pct < 25) return []
    const integrated = round2((pct * holder.ultimate.share) / 100)
    const controls = pct > 50 && holder.ultimate.share > 50
    if (integrated < 25 && !controls) return []
    const p = holder.ultimate.person
    const percentageControl = controls ? pct : null
    return [
      {
        person: p,
        percentageControl,
        integratedOwnership: integrated,
        reason: "INDIRECT_CONTROL_OR_OWNERSHIP",
        ...nationality,
        birthplace: p.city
      }
    ]
  })

const foundationBeneficials = (roles: ReadonlyArray<Role>): Beneficial[] =>
  roles.flatMap((role): Beneficial[] =>
    "person" in role && (role.role === "CHAIRMAN_OF_THE_BOARD" || role.role === "CEO")
      ? [
          {
            person: role.person,
            percentageControl: null,
            integratedOwnership: null,
            reason: "ROLE_IN_FOUNDATION",
            citizenship: ["NO"],
            birthplace: role.person.city
          }
        ]
      : []
  )

const makeSubsidiaries = (rng: Rng, country: Country, kind: FormKind): Subsidiary[] => {
  const count = kind === "public" ? rng.int(2, 5) : kind === "company" && rng.chance(0.3) ? rng.int(1, 3) : 0
  const suffix = COMPANY_SUFFIX[country]
  return Array.from({ length: count }, () => ({
    name: `${rng.pick(NAME_POOLS[country].companyFirst)} ${rng.pick(INDUSTRIES).word[country]} ${suffix}`,
    organizationNumber: makeOrganizationNumber(rng, country),
    percentage: rng.chance(0.6) ? 100 : rng.percent(51, 99)
  }))
}

type Mode = "majority" | "dispersed" | undefined

const holdersFor = (rng: Rng, input: OwnershipInput, officers: SyntheticPerson[]): Holder[] => {
  switch (input.kind) {
    case "company":
      return privateHolders(rng, input.country, officers, input.mode)
    case "public":
      return publicHolders(rng, input.country, input.mode)
    case "partnership":
    case "limitedPartnership": {
      const partners = officers.slice(0, 3)
      return split(rng, partners.length, 100).map((pct, i) =>
        personHolder(partners[i] ?? makePerson(rng, input.country), pct)
      )
    }
    default:
      return []
  }
}

export interface OwnershipInput {
  readonly country: Country
  readonly kind: FormKind
  readonly roles: ReadonlyArray<Role>
  readonly mode: Mode
}

export const makeOwnership = (rng: Rng, input: OwnershipInput): Ownership => {
  const officers = input.roles.flatMap((role) =>
    "person" in role && role.role !== "TRUSTEE" && role.role !== "CONTACT" ? [role.person] : []
  )
  const unique = officers.filter((p, i) => officers.indexOf(p) === i)
  const holders = holdersFor(rng, input, unique)
  const beneficials =
    input.kind === "foundation"
      ? foundationBeneficials(input.roles)
      : input.mode === "dispersed"
        ? []
        : beneficialsOf(rng, holders, input.country)
  const shareholders = holders.map((h) => h.shareholder)
  const subsidiaries = makeSubsidiaries(rng, input.country, input.kind)
  const layered = holders.some((h) => h.ultimate !== null)
  return {
    shareholders,
    beneficials,
    subsidiaries,
    indicators: {
      hasBeneficialOwners: beneficials.length > 0,
      numberOfBeneficialOwners: beneficials.length,
      numberOfShareholders: shareholders.length,
      largestOwnershipPercentage: shareholders[0]?.percentage ?? null,
      ownershipLayers: shareholders.length === 0 ? 0 : layered ? 2 : 1,
      complexOwnershipStructure: layered && beneficials.some((b) => b.reason !== "DIRECT_OWNERSHIP"),
      foreignOwnership: false,
      publiclyListed: input.kind === "public",
      hasSubsidiaries: subsidiaries.length > 0
    }
  }
}
