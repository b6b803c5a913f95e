import { Schema } from "effect"
import { OpenEnum, opt, optList, WireDateTime, WireStruct } from "./Tolerant.js"

/** Data sources named in `metadata.sources` (contract §9.6); open list. */
export const MetadataSource = OpenEnum(
  "BRREG",
  "BISNODE",
  "GLEIF",
  "NO_NATIONAL_REGISTRY",
  "NO_BANK_ID",
  "UN_CONSOLIDATED",
  "EU_GLOBAL",
  "HMTREASURY",
  "OFAC",
  "PEP_AC",
  "PEP_EDGE"
)

/** Contract §9.1 `Metadata`. */
export const Metadata = WireStruct(
  {
    sources: optList(MetadataSource),
    urls: optList(Schema.String),
    lastChanged: opt(WireDateTime),
    accountingYear: opt(Schema.Number)
  },
  "Metadata"
)
export interface Metadata extends Schema.Schema.Type<typeof Metadata> {}
