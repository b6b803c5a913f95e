import type { BeneficialOwnerSummary, EntitySummary, RegistryFlag, RoleSummary } from "../EntitySummary.js"
import { emptyElements } from "./EmptyNode.js"
import { summarizeHits } from "./HitSummaries.js"
import type { BeneficialOwner, OrganizationResultCommon, OrganizationRole } from "./Organization.js"

/** Result paths of the organization expands that can come back empty (links are not elements). */
export const organizationElementPaths: ReadonlyArray<string> = [
  "lei",
  "addresses",
  "roles",
  "ownership.beneficials",
  "ownership.shareholders",
  "ownership.subsidiaries",
  "ownership.indicators",
  "signatureRights",
  "procuration",
  "financials.accounting",
  "financials.keyFigures",
  "financials.auditor",
  "financials.accountant",
  "aml"
]

// Registry status codes differ per country and change without notice; match on stems in the
// national languages and pass unknown codes through rather than hide them.
const flagRules: ReadonlyArray<readonly [RegistryFlag, RegExp]> = [
  ["FORCED_DISSOLUTION", /FORCED|TVANG/],
  ["BANKRUPT", /BANKRUPT|KONKURS/],
  ["UNDER_LIQUIDATION", /LIQUIDAT|LIKVID|AVVIKL|SELVITYSTILA/],
  ["DISSOLVED", /DISSOLVED|DELETED|SLETTET|AVREGISTRER|LAKANNUT|LAKKAUTETTU/]
]

export const registryFlag = (code: string): RegistryFlag => {
  const upper = code.toUpperCase()
  return flagRules.find(([, pattern]) => pattern.test(upper))?.[0] ?? upper
}

export const organizationFlags = (
  statusCodes: ReadonlyArray<string> | null | undefined,
  organizationType: string | null | undefined
): ReadonlyArray<RegistryFlag> => {
  const flags = new Set<RegistryFlag>((statusCodes ?? []).map(registryFlag))
  if (organizationType === "BANKRUPT_ESTATE") flags.add("BANKRUPT")
  return [...flags]
}

/** "First Last" from the parts that are there; null when there are none. */
export const joinName = (...parts: ReadonlyArray<string | null | undefined>): string | null => {
  const present = parts.filter((part): part is string => typeof part === "string" && part.trim() !== "")
  return present.length > 0 ? present.join(" ") : null
}

const roleSummary = (role: OrganizationRole): RoleSummary => ({
  role: role.role ?? "UNKNOWN",
  name: role.name ?? joinName(role.firstName, role.lastName),
  birthDate: role.dateOfBirth ?? null,
  organizationNumber: role.organizationNumber ?? null
})

const ownerSummary = (owner: BeneficialOwner): BeneficialOwnerSummary => ({
  name: owner.name ?? joinName(owner.firstName, owner.lastName),
  birthDate: owner.dateOfBirth ?? null,
  share: owner.percentageControl ?? owner.integratedOwnership ?? null,
  reason: owner.reason ?? null
})

/** The common summary of any country's organization result (they share the §9.2 shape). */
export const summarizeOrganization = (result: OrganizationResultCommon): EntitySummary => {
  const key = result.keyInformation
  const aml = result.aml
  return {
    name: key?.name ?? null,
    status: key?.organizationType ?? null,
    flags: organizationFlags(key?.statusCodes, key?.organizationType),
    // Organization screening covers sanction lists only; PEP is a person concept.
    pep: null,
    sanctions:
      aml === null || aml === undefined ? null : summarizeHits("sanction", aml.sanctionResults ?? []),
    listsSearched: aml?.metadata?.sources ?? [],
    roles: result.roles?.map(roleSummary) ?? null,
    beneficialOwners: result.ownership?.beneficials?.map(ownerSummary) ?? null,
    emptyElements: emptyElements(result, organizationElementPaths)
  }
}
