import Foundation
import Checks
import Prose

/// The default check setup. TEMPORARY: finds nothing until Checks' `CheckEngine`/`Configuration` land.
enum ChecksAdapter {
    static let defaultFactory: CheckSetupFactory = { _, settings in
        let debounce = settings["debounceMilliseconds"]?.intValue ?? 300
        return CheckSetup(provider: NoFindings(), debounceMilliseconds: debounce)
    }
}
