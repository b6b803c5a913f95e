import type { Lookup } from "@nordscreen/core"

/** An organization by number (string) or by the columns a portfolio would have. */
export type OrganizationQuery =
  | string
  | {
      readonly organizationNumber?: string | number
      readonly duns?: string | number
      readonly identifier?: string | number
      readonly country?: string
      readonly name?: string
    }

export const organizationValues = (query: OrganizationQuery): Lookup.LookupValues =>
  typeof query === "string" ? { organizationNumber: query } : query
