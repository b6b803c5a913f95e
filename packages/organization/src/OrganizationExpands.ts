import type { Adapter } from "@nordscreen/core"

/** Contract §5.2, in the order of the table. */
export const organizationExpands: ReadonlyArray<string> = [
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

/** The guides' spelling of the LEI expand (contract §16.3); the wire profile decides what is sent. */
export const organizationExpandAliases: Readonly<Record<string, string>> = { "keyInformation.lei": "lei" }

/** What an AML screening of a company needs: who controls it, who signs, and the sanction check. */
export const organizationDefaultExpands: ReadonlyArray<string> = [
  "keyInformation",
  "roles",
  "ownership.beneficials",
  "signatureRights",
  "aml",
  "links.reports.aml",
  "links.reports.certificate_of_incorporation"
]

export const organizationReports: ReadonlyArray<Adapter.ReportType> = ["aml", "certificate_of_incorporation"]

/** Contract §5.1: the report languages every session endpoint takes today. */
export const reportLanguages: ReadonlyArray<string> = ["no", "nb", "nn", "en"]

/** Result paths of the expands that can come back as empty nodes (links are not elements). */
export const organizationElementPaths: ReadonlyArray<string> = organizationExpands.filter(
  (expand) => expand !== "keyInformation" && !expand.startsWith("links.")
)
