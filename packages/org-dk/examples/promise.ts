import { AmlClient } from "@nordscreen/core"
import { screenOrganizationDk } from "@nordscreen/org-dk"

const client = AmlClient.createAmlClient()
const lookup = await screenOrganizationDk({ organizationNumber: "DK 31 00 00 33" }, { client, mode: "test" })
console.log(lookup.summary.name, lookup.summary.flags, lookup.reports["aml"]?.sha256)
await client.close()
