import { nationalKeyInformationFields, organizationResult } from "@nordscreen/organization"
import { Wire } from "@nordscreen/core"
import type { Schema } from "effect"

/**
 * Contract §9.3: Finland has its own response model. Today it is the §9.2 shape with the
 * Y-tunnus as `NNNNNNN-N`, national legal forms (`OSAKEYHTIO`, ...) in `organizationType`, and
 * PRH/YTJ extras under `keyInformation.nationalFields`.
 */
export const KeyInformationFI = Wire.WireStruct(nationalKeyInformationFields, "KeyInformationFI")
export interface KeyInformationFI extends Schema.Schema.Type<typeof KeyInformationFI> {}

export const OrganizationResultFI = organizationResult(KeyInformationFI, "OrganizationResultFI")
export interface OrganizationResultFI extends Schema.Schema.Type<typeof OrganizationResultFI> {}
