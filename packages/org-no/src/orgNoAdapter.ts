import type { Adapter } from "@nordscreen/core"
import {
  classifyIdentifier,
  noIdentityNumbers,
  maskIdentifier,
  resolveNineDigits
} from "@nordscreen/identifiers"
import { validateDuns, validateNoOrganizationNumber } from "@nordscreen/identifiers"
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
      organizationNumber: validateNoOrganizationNumber,
      duns: validateDuns,
      classify: classifyIdentifier,
      nationalTypes: ["NO_ORGANIZATION_NUMBER"],
      // A bare 9-digit value is an orgnr when it passes mod 11, else ambiguous (identifiers.md §1).
      resolveIdentifier: (country) => (raw, options) => resolveNineDigits(raw, country, options),
      dunsWithoutCountry: true,
      display: (check) => maskIdentifier(check.type, check.value)
    },
    maskedIdentifier: (input) =>
      maskIdentifier(input.identifierType ?? "NO_ORGANIZATION_NUMBER", input.identifier),
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
