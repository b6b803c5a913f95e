import type { Country } from "../types.js"
import { COMPANY_SUFFIX } from "./catalog.js"
import { makeDkCvr, makeFiBusinessId, makeNoOrgnr, makeSeOrgnr } from "./checksums.js"
import { NAME_POOLS } from "./names.js"
import type { SyntheticPerson } from "./people.js"
import type { Rng } from "./Rng.js"

export interface Firm {
  readonly name: string
  readonly organizationNumber: string
  readonly country: Country
}

export type Role =
  | { readonly role: string; readonly person: SyntheticPerson }
  | { readonly role: string; readonly firm: Firm }

/** A valid organization number in national format; `prefix` picks the SE group (559 = AB). */
export const makeOrganizationNumber = (rng: Rng, country: Country, prefix = "559"): string => {
  switch (country) {
    case "NO":
      return makeNoOrgnr(rng)
    case "SE":
      return makeSeOrgnr(rng, prefix)
    case "FI":
      return makeFiBusinessId(rng)
    case "DK":
      return makeDkCvr(rng)
  }
}

export const makeFirm = (rng: Rng, country: Country, word: Record<Country, string>): Firm => {
  const first = rng.pick(NAME_POOLS[country].companyFirst)
  const suffix = COMPANY_SUFFIX[country]
  return {
    name: `${first} ${word[country]} ${suffix}`,
    organizationNumber: makeOrganizationNumber(rng, country),
    country
  }
}
