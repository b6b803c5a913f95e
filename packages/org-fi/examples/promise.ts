import { AmlClient } from "@nordscreen/core"
import { screenOrganizationFi } from "@nordscreen/org-fi"

const client = AmlClient.createAmlClient()
const lookup = await screenOrganizationFi({ identifier: "FI31000011" }, { client, language: "en" })
console.log(lookup.summary.name, lookup.summary.beneficialOwners, lookup.reports["aml"]?.sha256)
await client.close()
