import type { Adapter } from "@nordscreen/core"
import { classifyIdentifier, fiIdentityNumbers, maskIdentifier } from "@nordscreen/identifiers"
import { validateDuns, validateFiBusinessId } from "@nordscreen/identifiers"
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
    identifiers: {
      organizationNumber: validateFiBusinessId,
      duns: validateDuns,
      classify: classifyIdentifier,
      nationalTypes: ["FI_BUSINESS_ID"],
      dunsWithoutCountry: false,
      display: (check) => maskIdentifier(check.type, check.value)
    },
    maskedIdentifier: (input) => maskIdentifier(input.identifierType ?? "FI_BUSINESS_ID", input.identifier),
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
