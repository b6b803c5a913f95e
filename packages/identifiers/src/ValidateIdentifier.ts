import { validateDkCvr } from "./DkCvr.js"
import { validateDuns } from "./Duns.js"
import { validateFiBusinessId } from "./FiBusinessId.js"
import { validateFiHetu } from "./FiHetu.js"
import { validateNoOrganizationNumber } from "./NoOrganizationNumber.js"
import { validateNoPersonNumber } from "./NoPersonNumber.js"
import { validateSeOrganisationsnummer } from "./SeOrganisationsnummer.js"
import { validateSePersonnummer } from "./SePersonnummer.js"
import type { IdentifierType, ValidateOptions, Validation } from "./Validation.js"

const VALIDATORS: Readonly<Record<IdentifierType, (raw: string, options: ValidateOptions) => Validation>> = {
  NO_ORGANIZATION_NUMBER: validateNoOrganizationNumber,
  NO_PERSON_NUMBER: validateNoPersonNumber,
  SE_PERSONNUMMER: validateSePersonnummer,
  SE_ORGANISATIONSNUMMER: validateSeOrganisationsnummer,
  FI_BUSINESS_ID: validateFiBusinessId,
  FI_HETU: validateFiHetu,
  DK_CVR: validateDkCvr,
  DUNS: validateDuns
}

export function validateIdentifier(type: IdentifierType, raw: string, options: ValidateOptions): Validation {
  return VALIDATORS[type](raw, options)
}
