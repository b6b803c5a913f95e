import { nationalKeyInformationFields, organizationResult } from "@nordscreen/organization"
import { Wire } from "@nordscreen/core"
import type { Schema } from "effect"

/**
 * Contract §9.3: Sweden has its own response model. Today it is the §9.2 shape with the
 * organisationsnummer as `NNNNNN-NNNN`, national legal forms (`AKTIEBOLAG`, ...) in
 * `organizationType`, and Bolagsverket extras under `keyInformation.nationalFields`.
 */
export const KeyInformationSE = Wire.WireStruct(nationalKeyInformationFields, "KeyInformationSE")
export interface KeyInformationSE extends Schema.Schema.Type<typeof KeyInformationSE> {}

export const OrganizationResultSE = organizationResult(KeyInformationSE, "OrganizationResultSE")
export interface OrganizationResultSE extends Schema.Schema.Type<typeof OrganizationResultSE> {}
