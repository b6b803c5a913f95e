import { Wire } from "@nordscreen/core"
import { nationalKeyInformationFields, organizationResult } from "@nordscreen/organization"
import type { Schema } from "effect"

/**
 * Contract §16.4 (modelled as §9.3): the §9.2 shape with the 8-digit CVR number, Danish legal
 * forms (`ANPARTSSELSKAB`, `AKTIESELSKAB`, ...) in `organizationType`, Danish status texts in
 * `statusCodes`, and the CVR register's extras under `keyInformation.nationalFields`.
 */
export const KeyInformationDK = Wire.WireStruct(nationalKeyInformationFields, "KeyInformationDK")
export interface KeyInformationDK extends Schema.Schema.Type<typeof KeyInformationDK> {}

export const OrganizationResultDK = organizationResult(KeyInformationDK, "OrganizationResultDK")
export interface OrganizationResultDK extends Schema.Schema.Type<typeof OrganizationResultDK> {}
