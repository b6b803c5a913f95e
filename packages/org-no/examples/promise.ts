import { AmlClient } from "@nordscreen/core"
import { screenOrganizationNo } from "@nordscreen/org-no"

const client = AmlClient.createAmlClient()
const lookup = await screenOrganizationNo("910000020", { client, reports: ["aml"] })
console.log(lookup.summary.name, lookup.summary.sanctions?.strongest, lookup.reports["aml"]?.sha256)
await client.close()
