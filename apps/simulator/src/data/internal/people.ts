import type { Country } from "../types.js"
import { NAME_POOLS } from "./names.js"
import type { Rng } from "./Rng.js"

export interface SyntheticPerson {
  readonly firstName: string
  readonly lastName: string
  readonly name: string
  readonly dateOfBirth: string
  readonly gender: "Male" | "Female"
  readonly postalCode: string
  readonly city: string
  readonly street: string
}

export const makePerson = (rng: Rng, country: Country, fromYear = 1945, toYear = 2000): SyntheticPerson => {
  const pool = NAME_POOLS[country]
  const gender = rng.chance(0.5) ? "Female" : "Male"
  const firstName = rng.pick(gender === "Female" ? pool.female : pool.male)
  const lastName = rng.pick(pool.last)
  const [postalCode, city] = rng.pick(pool.cities)
  return {
    firstName,
    lastName,
    name: `${firstName} ${lastName}`,
    dateOfBirth: rng.date(fromYear, toYear),
    gender,
    postalCode,
    city,
    street: `${rng.pick(pool.streets)} ${rng.int(1, 120)}`
  }
}
