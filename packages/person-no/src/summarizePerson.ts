import { type EntitySummary, Wire } from "@nordscreen/core"
import type { PersonResultNO } from "./PersonResultNO.js"

/** Result paths of the person expands that can come back empty. */
export const personElementPaths: ReadonlyArray<string> = [
  "keyInformation.birthplace",
  "keyInformation.citizenship",
  "keyInformation.historicNames",
  "address.national",
  "address.postal",
  "address.historic",
  "address.national.numberOfResidents",
  "aml",
  "roles"
]

const statusFlags: ReadonlyMap<string, EntitySummary.RegistryFlag> = new Map([
  ["DECEASED", "DECEASED"],
  ["EMIGRATED", "EMIGRATED"],
  ["DISAPPEARED", "DISAPPEARED"]
])

export const summarizePerson = (result: PersonResultNO): EntitySummary.EntitySummary => {
  const key = result.keyInformation
  const aml = result.aml
  const personStatus = result.address?.national?.personStatus ?? null
  const flag = personStatus === null ? undefined : statusFlags.get(personStatus.toUpperCase())
  const screened = aml !== null && aml !== undefined
  return {
    name: key?.name ?? Wire.joinName(key?.firstName, key?.middleName, key?.lastName),
    status: personStatus,
    flags: flag === undefined ? [] : [flag],
    pep: screened ? Wire.summarizeHits("pep", aml.pepResults ?? []) : null,
    sanctions: screened ? Wire.summarizeHits("sanction", aml.sanctionResults ?? []) : null,
    listsSearched: aml?.list ?? aml?.metadata?.sources ?? [],
    roles:
      result.roles?.map((role) => ({
        role: role.role ?? "UNKNOWN",
        name: role.organizationName ?? null,
        birthDate: null,
        organizationNumber: role.organizationNumber ?? null
      })) ?? null,
    beneficialOwners: null,
    emptyElements: Wire.emptyElements(result, personElementPaths)
  }
}
