import type { Adapter } from "@nordscreen/core"
import {
  maskedOrganizationIdentifier,
  organizationIdentifierRules,
  seIdentityNumbers,
  validateSeOrganisationsnummer
} from "@nordscreen/identifiers"
import { makeOrganizationAdapter, type OrganizationInput, reportLanguages } from "@nordscreen/organization"
import { OrganizationResultSE } from "./OrganizationResultSE.js"

/**
 * Swedish organizations: `POST /organization/session/se`, by organisationsnummer (a sole trader's
 * personnummer is accepted with `W_SOLE_TRADER`) or DUNS.
 */
export const orgSeAdapter: Adapter.Adapter<OrganizationInput, OrganizationResultSE> = makeOrganizationAdapter(
  {
    id: "org-se",
    country: "SE",
    facts: {
      countryWords: ["swe", "sverige", "sweden", "ruotsi", "schweden"],
      kindWords: ["foretag", "bolag", "aktiebolag", "firma", "juridiskperson"],
      // A sole trader's personnummer may stand in the organisation column.
      identityNumbers: seIdentityNumbers,
      languages: reportLanguages
    },
    identifiers: organizationIdentifierRules("SE_ORGANISATIONSNUMMER", validateSeOrganisationsnummer),
    maskedIdentifier: maskedOrganizationIdentifier("SE_ORGANISATIONSNUMMER"),
    // Bolagsverket status texts: konkurs, tvångslikvidation, likvidation, avregistrerad, upplöst.
    registry: {
      statusWords: {
        FORCED_DISSOLUTION: ["TVÅNGS"],
        BANKRUPT: ["KONKURS"],
        UNDER_LIQUIDATION: ["LIKVIDATION"],
        DISSOLVED: ["AVREGISTRER", "UPPLÖST"]
      }
    },
    resultSchema: OrganizationResultSE
  }
)
