import { AmlClient } from "@nordscreen/core"
import { testOrgAdapter } from "../test/support/testAdapter.js"

export const main = async () => {
  const client = AmlClient.createAmlClient() // NORDSCREEN_* variables, else the simulator at 127.0.0.1:4010
  try {
    const screening = await client.screen(testOrgAdapter, { organizationNumber: "910000012" })
    console.log(screening.summary.name, screening.reports["aml"]?.sha256)
    return screening
  } catch (error) {
    // Rejections are the tagged errors themselves: SessionFailed, CreateOutcomeUnknown, ...
    console.error(error instanceof Error ? error.message : error)
    throw error
  } finally {
    await client.close()
  }
}
