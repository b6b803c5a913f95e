import { Schema } from "effect"
import { ListedAddress } from "./Address.js"
import { Metadata } from "./Metadata.js"
import { OpenEnum, opt, optList, WireDateTime, WireStruct } from "./Tolerant.js"

/** Contract §9.1 `ScreeningHit`: one PEP or sanction match. */
export const ScreeningHit = WireStruct(
  {
    matchIndicator: opt(Schema.Number),
    matchIndicatorDescription: opt(Schema.String),
    nameMatchValue: opt(Schema.Number),
    name: opt(Schema.String),
    // List birth dates are free-form ("1970", "circa 1965"), so no date pattern here.
    birthDate: opt(Schema.String),
    birthDateInfo: optList(Schema.String),
    gender: opt(OpenEnum("MALE", "FEMALE", "UNKNOWN")),
    title: opt(Schema.String),
    function: opt(Schema.String),
    comment: opt(Schema.String),
    aliasList: optList(Schema.String),
    addressList: optList(ListedAddress),
    urlList: optList(Schema.String),
    provider: opt(OpenEnum("TRAPETS")),
    source: opt(Schema.String),
    externalId: opt(Schema.String),
    firstUpdate: opt(WireDateTime),
    lastUpdate: opt(WireDateTime),
    metadata: opt(Metadata)
  },
  "ScreeningHit"
)
export interface ScreeningHit extends Schema.Schema.Type<typeof ScreeningHit> {}
