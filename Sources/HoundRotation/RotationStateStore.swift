import HoundSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The state directory: one `<key>.json` per key being (or last) rotated, each guarded by a
/// `<key>.json.lock` so two rotations of one key never run at once.
struct RotationStateStore: Sendable {
    /// The folder (`.keyhound/rotation` beside the inventory by default).
    let directory: String

    /// The state file of `key`: its name with bytes other than letters, digits, `-`, `_` and
    /// non-leading `.` written as `%XX`, so any key name is one safe file name.
    func path(for key: String) -> String {
        var name = ""
        for (offset, byte) in key.utf8.enumerated() {
            let plain =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x2D || byte == 0x5F || (byte == 0x2E && offset > 0)
            if plain {
                name.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                name += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return directory + "/" + name + ".json"
    }

    /// Takes the rotation lock of `key` without waiting.
    ///
    /// - Throws: `RotationError.busy` when another process holds it.
    func lock(_ key: String) throws(RotationError) -> FileLock {
        try createDirectory()
        let statePath = path(for: key)
        do {
            return try FileLock(for: statePath, timeout: .zero)
        } catch {
            if error.code == 0 { throw .busy(key: key, lockPath: statePath + ".lock") }
            throw .write(error)
        }
    }

    /// Runs `body` holding the rotation lock of `key` (taken without waiting).
    ///
    /// - Throws: `RotationError.busy` when another process holds it, or what `body` throws.
    func withLock<T>(_ key: String, _ body: () throws(RotationError) -> T) throws(RotationError) -> T {
        let held = try lock(key)
        let result: Result<T, RotationError>
        do {
            result = .success(try body())
        } catch {
            result = .failure(error)
        }
        held.release()
        return try result.get()
    }

    /// The state of `key`, nil when it has none.
    func read(_ key: String) throws(RotationError) -> RotationState? {
        try read(path: path(for: key))
    }

    /// The state in the file at `path`, nil when there is no such file.
    func read(path: String) throws(RotationError) -> RotationState? {
        guard let bytes = try FileBytes.readIfPresent(path) else { return nil }
        return try RotationState(json: bytes, path: path)
    }

    /// Writes `state` atomically (readable by its owner only).
    func write(_ state: RotationState) throws(RotationError) {
        try createDirectory()
        do {
            try AtomicFile.write(state.json, to: path(for: state.key), permissions: 0o600)
        } catch {
            throw .write(error)
        }
    }

    /// The paths of every state file, sorted.
    func statePaths() -> [String] {
        guard let folder = opendir(directory) else { return [] }
        defer { closedir(folder) }
        var paths: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasSuffix(".json"), !name.hasPrefix(".") { paths.append(directory + "/" + name) }
        }
        return paths.sorted()
    }

    /// Creates the folder and its parents (mode 0700) when missing.
    func createDirectory() throws(RotationError) {
        do {
            try Folder.create(directory)
        } catch {
            throw .write(error)
        }
    }
}
