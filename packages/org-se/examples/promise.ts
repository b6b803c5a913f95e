import { AmlClient } from "@nordscreen/core"
import { screenOrganizationSe } from "@nordscreen/org-se"

const client = AmlClient.createAmlClient()
const lookup = await screenOrganizationSe("559100-0038", { client, reports: ["aml"] })
console.log(lookup.summary.name, lookup.summary.sanctions?.strongest, lookup.reports["aml"]?.sha256)
await client.close()
