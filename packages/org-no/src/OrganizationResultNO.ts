import { KeyInformation, opt, organizationElementFields, WireStruct } from "@nordscreen/core"
import type { Schema } from "effect"

const resultFields = { keyInformation: opt(KeyInformation), ...organizationElementFields }

/** Contract §9.2: the JSON result of `GET /organization/session/no/{id}/json`. */
export const OrganizationResultNO = WireStruct(resultFields, "OrganizationResultNO")
export interface OrganizationResultNO extends Schema.Schema.Type<typeof OrganizationResultNO> {}
