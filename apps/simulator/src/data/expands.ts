/** Every organization expand value of contract §5.2, exact spellings. */
export const ORGANIZATION_EXPANDS: ReadonlyArray<string> = [
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

/** Every person expand value of contract §5.4. */
export const PERSON_EXPANDS: ReadonlyArray<string> = [
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
