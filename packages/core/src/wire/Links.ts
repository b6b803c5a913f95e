import { Schema } from "effect"
import { OpenEnum, opt, optList, WireStruct } from "./Tolerant.js"

/** Contract §9.1 `LinkItem`; `rel` names the report (`aml`, `certificate_of_incorporation`). */
export const LinkItem = WireStruct(
  {
    href: opt(Schema.String),
    contentType: opt(Schema.String),
    rel: opt(OpenEnum("aml", "certificate_of_incorporation"))
  },
  "LinkItem"
)
export interface LinkItem extends Schema.Schema.Type<typeof LinkItem> {}

/** Contract §9.1 `Links`. */
export const Links = WireStruct(
  {
    reports: optList(LinkItem),
    external: optList(LinkItem)
  },
  "Links"
)
export interface Links extends Schema.Schema.Type<typeof Links> {}
