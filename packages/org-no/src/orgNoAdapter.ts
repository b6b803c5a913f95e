import type { Adapter } from "@nordscreen/core"
import {
  maskedOrganizationIdentifier,
  noIdentityNumbers,
  organizationIdentifierRules,
  resolveNineDigits,
  validateNoOrganizationNumber
} from "@nordscreen/identifiers"
import { makeOrganizationAdapter, type OrganizationInput, reportLanguages } from "@nordscreen/organization"
import { OrganizationResultNO } from "./OrganizationResultNO.js"

/** Norwegian organizations: `POST /organization/session/no`, by organisasjonsnummer or DUNS. */
export const orgNoAdapter: Adapter.Adapter<OrganizationInput, OrganizationResultNO> = makeOrganizationAdapter(
  {
    id: "org-no",
    country: "NO",
    facts: {
      countryWords: ["nor", "norge", "norway", "noreg", "norja", "norwegen"],
      kindWords: ["organisasjon", "foretak", "selskap", "firma", "enhet", "virksomhet", "juridiskperson"],
      identityNumbers: noIdentityNumbers,
      languages: reportLanguages
    },
    identifiers: {
      ...organizationIdentifierRules("NO_ORGANIZATION_NUMBER", validateNoOrganizationNumber),
      // A bare 9-digit value is an orgnr when it passes mod 11, else ambiguous (identifiers.md §1).
      resolveIdentifier: (country) => (raw, options) => resolveNineDigits(raw, country, options),
      // Norway is the home market: a DUNS without a country column is screened here.
      dunsWithoutCountry: true
    },
    maskedIdentifier: maskedOrganizationIdentifier("NO_ORGANIZATION_NUMBER"),
    // Brønnøysund status texts: konkurs, tvangsavvikling/tvangsoppløsning, avvikling, slettet.
    registry: {
      statusWords: {
        FORCED_DISSOLUTION: ["TVANG"],
        BANKRUPT: ["KONKURS"],
        UNDER_LIQUIDATION: ["AVVIKL", "LIKVID"],
        DISSOLVED: ["SLETTET", "OPPLØST"]
      },
      legalFormFlags: { BANKRUPT_ESTATE: "BANKRUPT" }
    },
    resultSchema: OrganizationResultNO
  }
)
