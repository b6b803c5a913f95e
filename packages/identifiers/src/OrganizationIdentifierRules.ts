import { classifyIdentifier } from "./Classify.js"
import { validateDuns } from "./Duns.js"
import { maskIdentifier } from "./Mask.js"
import type { IdentifierType, ValidateOptions, Validation } from "./Validation.js"

/**
 * What every Nordic organization endpoint shares about identifiers: its national number and DUNS,
 * told apart by shape (`classifyIdentifier`), shown masked where a national identity number
 * stands in an organisation column (a sole trader). The shape of `@nordscreen/organization`'s
 * identifier rules; a country with a rule of its own (Norway's 9-digit orgnr-or-DUNS) adds it.
 */
export const organizationIdentifierRules = (
  nationalType: IdentifierType,
  organizationNumber: (raw: string, options: ValidateOptions) => Validation
) => ({
  organizationNumber,
  duns: validateDuns,
  classify: classifyIdentifier,
  nationalTypes: [nationalType],
  dunsWithoutCountry: false,
  display: (check: { readonly type: IdentifierType; readonly value: string }): string =>
    maskIdentifier(check.type, check.value)
})

/**
 * An organization input's identifier as any output may show it (`maskIdentifier` of its type:
 * `nationalType` unless the input says DUNS).
 */
export const maskedOrganizationIdentifier =
  (nationalType: IdentifierType) =>
  (input: { readonly identifier: string; readonly identifierType?: "DUNS" | undefined }): string =>
    maskIdentifier(input.identifierType ?? nationalType, input.identifier)
