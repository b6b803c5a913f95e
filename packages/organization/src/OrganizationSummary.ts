import { type EntitySummary, Wire } from "@nordscreen/core"
import type { BeneficialOwner, OrganizationResultCommon, OrganizationRole } from "./Organization.js"
import { organizationElementPaths } from "./OrganizationExpands.js"

/** The registry flags a status code can raise, in the order they are tried. */
export type StatusFlag = "FORCED_DISSOLUTION" | "BANKRUPT" | "UNDER_LIQUIDATION" | "DISSOLVED"

/**
 * Stems of registry status codes, per flag: a code that contains a stem (upper case) raises the
 * flag. Registry codes differ per country and change without notice, so a country lists the
 * stems of its languages; a code no stem matches is passed through as it is, never hidden.
 */
export type StatusWords = Readonly<Partial<Record<StatusFlag, ReadonlyArray<string>>>>

/** Breaks a tie between stems at the same place in a code. */
const flagOrder: ReadonlyArray<StatusFlag> = [
  "FORCED_DISSOLUTION",
  "BANKRUPT",
  "UNDER_LIQUIDATION",
  "DISSOLVED"
]

/** The contract's own (English) status codes, understood for every country. */
export const contractStatusWords: StatusWords = {
  FORCED_DISSOLUTION: ["FORCED"],
  BANKRUPT: ["BANKRUPT"],
  UNDER_LIQUIDATION: ["LIQUIDAT"],
  DISSOLVED: ["DISSOLVED", "DELETED"]
}

/** What a country says about its registry's words: status code stems and legal forms that raise a flag. */
export interface RegistryVocabulary {
  readonly statusWords?: StatusWords | undefined
  /** Legal forms (`organizationType`) that are themselves a flag, e.g. a bankrupt estate. */
  readonly legalFormFlags?: Readonly<Record<string, EntitySummary.RegistryFlag>> | undefined
}

/**
 * The flag a status code raises under `statusWords` (with the contract's words), else the code
 * itself. A registry text names the state first and how it came about after ("dissolved after
 * bankruptcy" is dissolved, "forced dissolution" is forced), so the stem found first wins.
 */
export const registryFlag = (code: string, statusWords: StatusWords = {}): EntitySummary.RegistryFlag => {
  const upper = code.toUpperCase()
  let raised: { readonly flag: StatusFlag; readonly at: number } | undefined
  for (const flag of flagOrder)
    for (const stem of [...(contractStatusWords[flag] ?? []), ...(statusWords[flag] ?? [])]) {
      const at = upper.indexOf(stem.toUpperCase())
      if (at >= 0 && (raised === undefined || at < raised.at)) raised = { flag, at }
    }
  return raised?.flag ?? upper
}

export const organizationFlags = (
  statusCodes: ReadonlyArray<string> | null | undefined,
  organizationType: string | null | undefined,
  vocabulary: RegistryVocabulary = {}
): ReadonlyArray<EntitySummary.RegistryFlag> => {
  const flags = new Set<EntitySummary.RegistryFlag>(
    (statusCodes ?? []).map((code) => registryFlag(code, vocabulary.statusWords))
  )
  const formFlag = organizationType == null ? undefined : vocabulary.legalFormFlags?.[organizationType]
  if (formFlag !== undefined) flags.add(formFlag)
  return [...flags]
}

const roleSummary = (role: OrganizationRole): EntitySummary.RoleSummary => ({
  role: role.role ?? "UNKNOWN",
  name: role.name ?? Wire.joinName(role.firstName, role.lastName),
  birthDate: role.dateOfBirth ?? null,
  organizationNumber: role.organizationNumber ?? null
})

const ownerSummary = (owner: BeneficialOwner): EntitySummary.BeneficialOwnerSummary => ({
  name: owner.name ?? Wire.joinName(owner.firstName, owner.lastName),
  birthDate: owner.dateOfBirth ?? null,
  share: owner.percentageControl ?? owner.integratedOwnership ?? null,
  reason: owner.reason ?? null
})

/** The common summary of any country's organization result (they share the §9.2 shape). */
export const summarizeOrganization = (
  result: OrganizationResultCommon,
  vocabulary: RegistryVocabulary = {}
): EntitySummary.EntitySummary => {
  const key = result.keyInformation
  const aml = result.aml
  return {
    name: key?.name ?? null,
    status: key?.organizationType ?? null,
    flags: organizationFlags(key?.statusCodes, key?.organizationType, vocabulary),
    // Organization screening covers sanction lists only; PEP is a person concept.
    pep: null,
    sanctions:
      aml === null || aml === undefined ? null : Wire.summarizeHits("sanction", aml.sanctionResults ?? []),
    listsSearched: aml?.metadata?.sources ?? [],
    roles: result.roles?.map(roleSummary) ?? null,
    beneficialOwners: result.ownership?.beneficials?.map(ownerSummary) ?? null,
    emptyElements: Wire.emptyElements(result, organizationElementPaths)
  }
}
