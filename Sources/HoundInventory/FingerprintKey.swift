#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
import HoundSupport

/// The organisation key for `hmac-sha256:` fingerprints, read from `KEYHOUND_FINGERPRINT_KEY`.
///
/// With a key, a stolen inventory or baseline cannot be brute-forced for weak secrets. The value
/// is taken as UTF-8 bytes, or decoded when prefixed with `hex:` or `base64:`. An empty value, or
/// a prefixed value that does not decode, means no key (and `fromEnvironment` returns nil; use
/// `parse` to tell the difference).
public enum FingerprintKey {
    /// The variable the key is read from.
    public static let variable = "KEYHOUND_FINGERPRINT_KEY"

    /// The key bytes from `environment`, or nil when the variable is unset, empty or malformed.
    public static func fromEnvironment(_ environment: [String: String]) -> [UInt8]? {
        guard let value = environment[variable] else { return nil }
        return try? parse(value)
    }

    /// The key bytes `value` denotes; nil for an empty value. `variable` names it in errors (the
    /// same format serves `KEYHOUND_AUDIT_KEY`).
    ///
    /// - Throws: `FingerprintKeyError` when a `hex:` or `base64:` value does not decode.
    public static func parse(_ value: String, variable: String = FingerprintKey.variable) throws(FingerprintKeyError) -> [UInt8]? {
        guard !value.isEmpty else { return nil }
        if value.hasPrefix("hex:") {
            guard let bytes = Hex.decode(String(value.dropFirst(4))), !bytes.isEmpty else {
                throw FingerprintKeyError(message: "\(variable) starts with hex: but is not an even number of hex digits")
            }
            return bytes
        }
        if value.hasPrefix("base64:") {
            guard let data = Data(base64Encoded: String(value.dropFirst(7))), !data.isEmpty else {
                throw FingerprintKeyError(message: "\(variable) starts with base64: but is not valid base64")
            }
            return Array(data)
        }
        return Array(value.utf8)
    }
}

/// A malformed `KEYHOUND_FINGERPRINT_KEY` (the message never contains the key).
public struct FingerprintKeyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The message.
    public var description: String { message }
}
