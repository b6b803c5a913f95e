import { AmlClient } from "@nordscreen/core"
import { screenPersonNo } from "@nordscreen/person-no"

const client = AmlClient.createAmlClient()
const lookup = await screenPersonNo({ name: "Sander Kvarme", ssn: "52898011143" }, { client, mode: "test" })
console.log(lookup.summary.name, lookup.summary.sanctions?.strongest, lookup.warnings)
await client.close()
