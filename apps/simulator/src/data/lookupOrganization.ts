import { type Fixture, type FixtureOutcome, isFailure, organizationFixture } from "./fixtures.js"
import { hashUnit } from "./internal/Rng.js"
import { type CompanyOverrides, makeCompany } from "./internal/organizationModel.js"
import { organizationDocument } from "./internal/organizationDocument.js"
import type { DataOptions, Lookup, OrganizationQuery } from "./types.js"

const OVERRIDES: Partial<Record<FixtureOutcome, CompanyOverrides>> = {
  CLEAN: { kind: "company", status: "ACTIVE", sanctioned: false, ownership: "majority" },
  SANCTION: { kind: "company", status: "ACTIVE", sanctioned: true, ownership: "majority" },
  NO_BENEFICIALS: { kind: "public", status: "ACTIVE", sanctioned: false, ownership: "dispersed" },
  BANKRUPT: { kind: "company", status: "BANKRUPT", sanctioned: false },
  BANKRUPT_ESTATE: { kind: "company", status: "BANKRUPT_ESTATE", sanctioned: false },
  UNDER_LIQUIDATION: { kind: "company", status: "UNDER_LIQUIDATION", sanctioned: false },
  DISSOLVED: { kind: "company", status: "DISSOLVED", sanctioned: false }
}

const overridesOf = (fixture: Fixture | undefined): CompanyOverrides => {
  if (fixture === undefined) return {}
  const pinned = OVERRIDES[fixture.outcome] ?? {}
  return {
    ...pinned,
    ...(fixture.name === undefined ? {} : { name: fixture.name }),
    ...(fixture.legalForm === undefined ? {} : { legalForm: fixture.legalForm })
  }
}

const FAILURE_MESSAGES: Record<string, string> = {
  ORGANIZATION_NOT_FOUND: "No organization is registered under the given identifier.",
  PERSON_NOT_FOUND: "No person matches the given identity.",
  SOURCE_UNAVAILABLE: "A required upstream source is unavailable.",
  TIMEOUT: "An upstream source did not answer in time.",
  INTERNAL_ERROR: "An unexpected error occurred while processing the session."
}

export const failureMessage = (code: string): string => FAILURE_MESSAGES[code] ?? "The session failed."

/** Deterministic synthetic organization for any valid identifier; fixtures pin special outcomes. */
export const lookupOrganization = (query: OrganizationQuery, options: DataOptions): Lookup => {
  const fixture = organizationFixture(query.country, query.identifierType, query.identifier)
  if (fixture !== undefined && isFailure(fixture.outcome)) {
    return { _tag: "Failed", errorCode: fixture.outcome, message: failureMessage(fixture.outcome) }
  }
  const key = `${options.seed}|${query.country}|${query.identifierType}|${query.identifier.replace("-", "")}`
  const company = makeCompany(
    {
      seed: options.seed,
      country: query.country,
      identifier: query.identifier,
      identifierType: query.identifierType,
      sanctioned: hashUnit(`${key}|sanction`) < options.sanctionRate
    },
    overridesOf(fixture)
  )
  const result = organizationDocument(company, {
    expands: new Set(query.expands),
    language: query.language,
    ofac: query.ofac,
    nationalRegistry: query.nationalRegistry ?? true,
    amlKey: `${key}|aml`
  })
  return { _tag: "Found", result: { ...result }, subjectName: company.name }
}
