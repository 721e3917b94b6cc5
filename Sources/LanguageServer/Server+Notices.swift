import Foundation

/// Messages the user must see, but only once per session: a model that failed to load is reported when
/// the settings are first read, not again at every settings change or re-check.
final class ShownMessages: @unchecked Sendable {
    // @unchecked: `shown` is only touched under `lock`.
    private let lock = NSLock()
    private var shown: Set<String> = []

    /// True the first time `message` is offered, false afterwards.
    func firstTime(_ message: String) -> Bool {
        lock.withLock { shown.insert(message).inserted }
    }
}

extension LanguageServer {
    /// `window/showMessage` the first time this text comes up in the session (also logged); later calls
    /// with the same text only log at debug level. type: 1 error, 2 warning, 3 info.
    public func showMessageOnce(_ message: String, type: Int = 2) {
        guard shownMessages.firstTime(message) else {
            log.debug("already shown: \(message)")
            return
        }
        log.warning(message)
        showMessage(message, type: type)
    }
}
