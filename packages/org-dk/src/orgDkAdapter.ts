import type { Adapter } from "@nordscreen/core"
import {
  dkIdentityNumbers,
  maskedOrganizationIdentifier,
  organizationIdentifierRules,
  validateDkCvr
} from "@nordscreen/identifiers"
import { makeOrganizationAdapter, type OrganizationInput, reportLanguages } from "@nordscreen/organization"
import { OrganizationResultDK } from "./OrganizationResultDK.js"

/** Danish organizations: `POST /organization/session/dk` (contract §16.4), by CVR number or DUNS. */
export const orgDkAdapter: Adapter.Adapter<OrganizationInput, OrganizationResultDK> = makeOrganizationAdapter(
  {
    id: "org-dk",
    country: "DK",
    facts: {
      countryWords: ["dnk", "danmark", "denmark", "tanska", "danemark", "dänemark"],
      kindWords: ["selskab", "virksomhed", "firma", "aktieselskab", "anpartsselskab"],
      // No CPR number is an organisation identifier, but one can land in an organisation column.
      identityNumbers: dkIdentityNumbers,
      languages: reportLanguages
    },
    identifiers: organizationIdentifierRules("DK_CVR", validateDkCvr),
    maskedIdentifier: maskedOrganizationIdentifier("DK_CVR"),
    // CVR's status texts: under konkurs, under tvangsopløsning, under (frivillig) likvidation,
    // opløst (also "opløst efter konkurs"), ophørt, slettet.
    registry: {
      statusWords: {
        FORCED_DISSOLUTION: ["TVANGSOPLØS"],
        BANKRUPT: ["KONKURS"],
        UNDER_LIQUIDATION: ["LIKVIDATION"],
        DISSOLVED: ["OPLØST", "OPHØRT", "SLETTET"]
      }
    },
    resultSchema: OrganizationResultDK
  }
)
