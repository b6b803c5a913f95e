import type { Adapter } from "@nordscreen/core"
import { orgDkAdapter } from "@nordscreen/org-dk"
import { orgFiAdapter } from "@nordscreen/org-fi"
import { orgNoAdapter } from "@nordscreen/org-no"
import { orgSeAdapter } from "@nordscreen/org-se"
import { personNoAdapter } from "@nordscreen/person-no"

/** Every adapter the CLI knows; a new country is one more entry here. */
export const allAdapters: ReadonlyArray<Adapter.AnyAdapter> = [
  orgNoAdapter,
  orgSeAdapter,
  orgFiAdapter,
  orgDkAdapter,
  personNoAdapter
]
