import Hummingbird
import NIOCore

/// What a request handler needs from its connection: the channel, whose close cancels the request's job.
struct ServeContext: InitializableFromSource {
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        channel = source.channel
    }
}
