import { Schema } from "effect"
import { opt, WireStruct } from "./Tolerant.js"

/** Contract §9.1 `Address` (organization addresses). */
export const Address = WireStruct(
  {
    street: opt(Schema.String),
    postalCode: opt(Schema.String),
    city: opt(Schema.String),
    country: opt(Schema.String)
  },
  "Address"
)
export interface Address extends Schema.Schema.Type<typeof Address> {}

/** Contract §9.1 `ListedAddress` (addresses inside screening hits). */
export const ListedAddress = WireStruct(
  {
    countryName: opt(Schema.String),
    countryCode: opt(Schema.String),
    street: opt(Schema.String),
    postCode: opt(Schema.String),
    city: opt(Schema.String)
  },
  "ListedAddress"
)
export interface ListedAddress extends Schema.Schema.Type<typeof ListedAddress> {}
