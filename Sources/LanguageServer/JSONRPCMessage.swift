import Foundation

/// A JSON-RPC request id: a number or a string.
public enum RequestID: Hashable, Sendable, CustomStringConvertible {
    case int(Int)
    case string(String)

    public init?(json: JSONValue) {
        if let i = json.intValue, case .int = json {
            self = .int(i)
        } else if let s = json.stringValue {
            self = .string(s)
        } else {
            return nil
        }
    }

    public var json: JSONValue {
        switch self {
        case .int(let i): .int(i)
        case .string(let s): .string(s)
        }
    }

    public var description: String {
        switch self {
        case .int(let i): String(i)
        case .string(let s): "\"\(s)\""
        }
    }
}

/// A JSON-RPC / LSP error object.
public struct ResponseError: Error, Sendable, Hashable {
    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code; self.message = message; self.data = data
    }

    public var json: JSONValue {
        var members: [String: JSONValue] = ["code": .int(code), "message": .string(message)]
        if let data { members["data"] = data }
        return .object(members)
    }

    public init(json: JSONValue) {
        code = json["code"]?.intValue ?? ErrorCode.internalError
        message = json["message"]?.stringValue ?? "unknown error"
        data = json["data"]
    }

    public static func parseError(_ m: String) -> Self { .init(code: ErrorCode.parseError, message: m) }
    public static func invalidRequest(_ m: String) -> Self { .init(code: ErrorCode.invalidRequest, message: m) }
    public static func methodNotFound(_ method: String) -> Self {
        .init(code: ErrorCode.methodNotFound, message: "Unhandled method \(method)")
    }
    public static func invalidParams(_ m: String) -> Self { .init(code: ErrorCode.invalidParams, message: m) }
    public static func internalError(_ m: String) -> Self { .init(code: ErrorCode.internalError, message: m) }
    public static let serverNotInitialized = Self(code: ErrorCode.serverNotInitialized, message: "Server not initialized")
    public static let requestCancelled = Self(code: ErrorCode.requestCancelled, message: "Request cancelled")
    public static func contentModified(_ m: String) -> Self { .init(code: ErrorCode.contentModified, message: m) }
}

/// Error codes from JSON-RPC 2.0 and LSP 3.17.
public enum ErrorCode {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    public static let serverNotInitialized = -32002
    public static let unknownErrorCode = -32001
    public static let requestFailed = -32803
    public static let serverCancelled = -32802
    public static let contentModified = -32801
    public static let requestCancelled = -32800
}

/// One decoded message from the peer.
public enum IncomingMessage: Sendable {
    case request(id: RequestID, method: String, params: JSONValue?)
    case notification(method: String, params: JSONValue?)
    case response(id: RequestID, result: Result<JSONValue, ResponseError>)
}

/// Why a message body could not be used, and which id (if any) the answer should carry.
public struct MessageProblem: Error, Sendable {
    public var error: ResponseError
    /// Every request id the problem concerns; empty when none could be recovered (then nothing is answered).
    public var ids: [RequestID]
}

public enum MessageClassifier {
    /// Turns a message body into a message, or says what is wrong with it.
    /// Invalid UTF-8 is repaired (U+FFFD) rather than refused: the rest of the message is usually fine.
    public static func classify(body: Data) -> Result<IncomingMessage, MessageProblem> {
        let json: JSONValue
        do {
            json = try JSONValue.parse(body)
        } catch {
            let repaired = Data(String(decoding: body, as: UTF8.self).utf8)
            if repaired != body, let again = try? JSONValue.parse(repaired) {
                json = again
            } else {
                let ids = recoverID(from: body).map { [$0] } ?? []
                return .failure(MessageProblem(error: .parseError("Message body is not valid JSON"), ids: ids))
            }
        }
        return classify(json: json)
    }

    public static func classify(json: JSONValue) -> Result<IncomingMessage, MessageProblem> {
        if case .array(let items) = json {
            // Batches are optional in LSP and no client sends them; answer every request inside.
            let ids = items.compactMap { item -> RequestID? in
                guard item["method"] != nil, let id = item["id"] else { return nil }
                return RequestID(json: id)
            }
            return .failure(MessageProblem(error: .invalidRequest("Batch messages are not supported"), ids: ids))
        }
        guard case .object = json else {
            return .failure(MessageProblem(error: .invalidRequest("Message is not a JSON object"), ids: []))
        }
        let rawID = json["id"]
        let id = rawID.flatMap(RequestID.init(json:))
        if let methodValue = json["method"] {
            guard let method = methodValue.stringValue else {
                return .failure(MessageProblem(error: .invalidRequest("\"method\" is not a string"), ids: id.map { [$0] } ?? []))
            }
            let params = json["params"]
            if let params, !(params.objectValue != nil || params.arrayValue != nil || params.isNull) {
                return .failure(MessageProblem(error: .invalidRequest("\"params\" must be an object or array"),
                                               ids: id.map { [$0] } ?? []))
            }
            if let rawID, !rawID.isNull {
                guard let id else {
                    return .failure(MessageProblem(error: .invalidRequest("\"id\" must be an integer or string"), ids: []))
                }
                return .success(.request(id: id, method: method, params: params))
            }
            return .success(.notification(method: method, params: params))
        }
        if let id {
            if let error = json["error"], error.objectValue != nil {
                return .success(.response(id: id, result: .failure(ResponseError(json: error))))
            }
            return .success(.response(id: id, result: .success(json["result"] ?? .null)))
        }
        return .failure(MessageProblem(error: .invalidRequest("Message has neither a method nor an id"), ids: []))
    }

    /// Best-effort search for `"id": 12` or `"id": "abc"` in bytes that failed to parse,
    /// so that a client waiting on that request gets an answer.
    public static func recoverID(from body: Data) -> RequestID? {
        let text = String(decoding: body.prefix(64 * 1024), as: UTF8.self)
        guard let regex = try? NSRegularExpression(pattern: #""id"\s*:\s*(-?[0-9]+|"((?:[^"\\]|\\.)*)")"#) else {
            return nil
        }
        let range = NSRange(text.startIndex..., in: text)
        let matches = regex.matches(in: text, range: range)
        // A nested "id" (inside params) is possible; only trust an unambiguous single match.
        guard matches.count == 1, let match = matches.first else { return nil }
        if let stringRange = Range(match.range(at: 2), in: text) {
            return .string(String(text[stringRange]))
        }
        if let numberRange = Range(match.range(at: 1), in: text), let number = Int(text[numberRange]) {
            return .int(number)
        }
        return nil
    }
}
