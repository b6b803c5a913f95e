import type { Adapter } from "@nordscreen/core"
import {
  fiIdentityNumbers,
  maskedOrganizationIdentifier,
  organizationIdentifierRules,
  validateFiBusinessId
} from "@nordscreen/identifiers"
import { makeOrganizationAdapter, type OrganizationInput, reportLanguages } from "@nordscreen/organization"
import { OrganizationResultFI } from "./OrganizationResultFI.js"

/** Finnish organizations: `POST /organization/session/fi`, by Y-tunnus (business ID) or DUNS. */
export const orgFiAdapter: Adapter.Adapter<OrganizationInput, OrganizationResultFI> = makeOrganizationAdapter(
  {
    id: "org-fi",
    country: "FI",
    facts: {
      countryWords: ["fin", "finland", "suomi", "finnland"],
      // Finnish and Swedish, the two official languages.
      kindWords: ["organisaatio", "yritys", "yhtio", "foretag", "bolag"],
      identityNumbers: fiIdentityNumbers,
      languages: reportLanguages
    },
    identifiers: organizationIdentifierRules("FI_BUSINESS_ID", validateFiBusinessId),
    maskedIdentifier: maskedOrganizationIdentifier("FI_BUSINESS_ID"),
    // PRH/YTJ status texts: konkurssi, selvitystila (liquidation), lakannut / lakkautettu (ceased).
    registry: {
      statusWords: {
        BANKRUPT: ["KONKURSSI"],
        UNDER_LIQUIDATION: ["SELVITYSTILA"],
        DISSOLVED: ["LAKANNUT", "LAKKAUTETTU"]
      }
    },
    resultSchema: OrganizationResultFI
  }
)
