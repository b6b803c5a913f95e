// Every expand value of the contract, as §5.2 (organization) and §5.4 (person) list them.
export const ORG_EXPANDS = [
  "keyInformation",
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
  "aml",
  "links.reports.aml",
  "links.reports.certificate_of_incorporation"
]

export const PERSON_EXPANDS = [
  "keyInformation",
  "keyInformation.birthplace",
  "keyInformation.citizenship",
  "keyInformation.historicNames",
  "address.national",
  "address.postal",
  "address.historic",
  "address.numberOfResidents",
  "aml",
  "roles",
  "links.reports.aml"
]

/** The expands that add a data element (not the default key information, not a report link). */
export const dataElements = (expands: ReadonlyArray<string>): Array<string> =>
  expands.filter((expand) => expand !== "keyInformation" && !expand.startsWith("links."))
