import { isFailure, personFixture } from "./fixtures.js"
import { birthDateFromSsn } from "./internal/birthDate.js"
import { personDocument, type PersonIdentity } from "./internal/personDocument.js"
import { makePersonFacts, type PersonStatus } from "./internal/personModel.js"
import { hashUnit } from "./internal/Rng.js"
import { failureMessage } from "./lookupOrganization.js"
import type { DataOptions, Lookup, PersonQuery } from "./types.js"

const capitalize = (word: string): string =>
  word.length === 0 ? word : word[0]?.toUpperCase() + word.slice(1)

const tidy = (value: string | null): string => (value ?? "").trim().replace(/\s+/g, " ")

/** First and last name from the query: the parts when given, else the full name split at its last word. */
const nameParts = (query: PersonQuery): { first: string; last: string } => {
  const first = tidy(query.firstName)
  const last = tidy(query.lastName)
  if (first !== "" || last !== "") return { first, last }
  const words = tidy(query.name).split(" ")
  return { first: words.slice(0, -1).join(" "), last: words[words.length - 1] ?? "" }
}

const genderFromSsn = (ssn: string): "Male" | "Female" | null => {
  const digit = Number(ssn[8])
  return Number.isNaN(digit) ? null : digit % 2 === 1 ? "Male" : "Female"
}

const rateStatus = (key: string): PersonStatus => {
  const roll = hashUnit(`${key}|status`)
  return roll < 0.02 ? "DECEASED" : roll < 0.04 ? "EMIGRATED" : "RESIDENT"
}

/** Deterministic synthetic person; registry-sourced fields need an NO ssn and registry access. */
export const lookupPerson = (query: PersonQuery, options: DataOptions): Lookup => {
  const ssn = query.ssn === null ? null : query.ssn.replace(/\s/g, "")
  const parts = nameParts(query)
  const queriedName = tidy(`${parts.first} ${parts.last}`)
  const fixture = personFixture(ssn, queriedName, query.dateOfBirth)
  if (fixture !== undefined && isFailure(fixture.outcome)) {
    return { _tag: "Failed", errorCode: fixture.outcome, message: failureMessage(fixture.outcome) }
  }
  const country = query.country.toUpperCase()
  const registry = query.nationalRegistry && ssn !== null && country === "NO"
  // The registry answers with its own spelling of the name; without it we can only echo the query.
  const registered =
    registry && fixture?.name !== undefined
      ? nameParts({ ...query, firstName: null, lastName: null, name: fixture.name })
      : parts
  const givenNames = registered.first.split(" ").map(capitalize)
  const firstName = registry ? (givenNames[0] ?? "") : registered.first
  const middleName = registry && givenNames.length > 1 ? givenNames.slice(1).join(" ") : null
  const lastName = registry ? registered.last.split(" ").map(capitalize).join(" ") : registered.last
  const dateOfBirth = (ssn === null ? null : birthDateFromSsn(ssn, country)) ?? query.dateOfBirth
  const subjectKey = `${options.seed}|${ssn === null ? `${queriedName.toLowerCase()}|${query.dateOfBirth}` : `${country}|${ssn}`}`
  const who: PersonIdentity = {
    name: tidy([firstName, middleName ?? "", lastName].join(" ")),
    firstName,
    middleName,
    lastName,
    dateOfBirth,
    ssn,
    gender: ssn !== null && country === "NO" ? genderFromSsn(ssn) : null
  }
  const outcome = fixture?.outcome
  const isFixture = fixture !== undefined
  const status: PersonStatus =
    outcome === "DECEASED"
      ? "DECEASED"
      : outcome === "EMIGRATED"
        ? "EMIGRATED"
        : isFixture
          ? "RESIDENT"
          : rateStatus(subjectKey)
  const facts = makePersonFacts({
    key: subjectKey,
    lastName,
    dateOfBirth,
    status,
    foreign: ssn !== null && country === "NO" && Number(ssn[0]) >= 4
  })
  const pep = isFixture
    ? outcome === "PEP" || outcome === "PEP_AND_SANCTION"
    : hashUnit(`${subjectKey}|pep`) < options.pepRate
  const sanction = isFixture
    ? outcome === "SANCTION" || outcome === "PEP_AND_SANCTION"
    : hashUnit(`${subjectKey}|sanction`) < options.sanctionRate
  const result = personDocument(who, facts, {
    expands: new Set(query.expands),
    language: query.language,
    ofac: query.ofac,
    registry,
    pep,
    sanction,
    sanctionAddresses: outcome === "SANCTION" ? 3 : 1 + (hashUnit(`${subjectKey}|addresses`) < 0.5 ? 1 : 0),
    amlKey: `${subjectKey}|aml`,
    ...(fixture?.hits === undefined ? {} : { hits: fixture.hits }),
    ...(fixture?.noAddress === true ? { noAddress: true } : {})
  })
  return { _tag: "Found", result: { ...result }, subjectName: who.name }
}
