import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// moto's AWS emulator (PyPI `moto[server]`) serving on 127.0.0.1 on a free port, started by
/// the test that needs it and stopped by ``stop()``.
final class MotoServer: @unchecked Sendable {
    /// Why the AWS tests cannot run here, nil when `moto_server` and the AWS CLI are installed.
    static let missing: String? = {
        let absent = ["moto_server", "aws"].filter { Built.which($0) == nil }
        guard !absent.isEmpty else { return nil }
        return "\(absent.joined(separator: " and ")) not installed (pip install 'moto[server]' awscli; .ci/run installs both)"
    }()

    /// The port it listens on.
    let port: UInt16
    private let process: Process

    /// `http://127.0.0.1:PORT`, for `AWS_ENDPOINT_URL`.
    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Starts `moto_server` with `environment`, its output appended to `log`, and waits until it
    /// accepts connections (a port taken between choosing and binding it: another one is tried).
    init(environment: [String: String], log: String) throws {
        guard let program = Built.which("moto_server", path: environment["PATH"]) else {
            throw SandboxError(Self.missing ?? "moto_server not found")
        }
        FileManager.default.createFile(atPath: log, contents: nil)
        var lastError = "moto_server did not start"
        for _ in 0..<3 {
            let port = try LocalPort.free()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = ["-H", "127.0.0.1", "-p", "\(port)"]
            process.environment = environment
            process.standardInput = FileHandle.nullDevice
            let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardOutput = output
            process.standardError = output
            try process.run()
            // A loaded machine takes its time to start Python.
            if RotationDemo.wait(seconds: 90, until: { !process.isRunning || LocalPort.accepts(port) }), process.isRunning {
                self.port = port
                self.process = process
                return
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            lastError = "moto_server did not start on port \(port): " + ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
        }
        throw SandboxError(lastError)
    }

    /// From now on every request must be signed by an IAM user's access key and allowed by that
    /// user's policies (`true`), or anything goes, moto's default (`false`). moto checks the
    /// signature and the action, but evaluates IAM and Secrets Manager requests against resource
    /// `*`, so a policy's `Resource` ARNs are not enforced.
    func enforceIAM(_ enforce: Bool) throws {
        let status = try LocalPort.post(port: port, path: "/moto-api/reset-auth", body: enforce ? "0" : "inf")
        guard status == 200 else { throw SandboxError("moto reset-auth answered HTTP \(status)") }
    }

    /// Stops the server (SIGKILL: a child started by `Process` inherits the test process's
    /// signal mask, where keyhound's in-process runs block SIGTERM) and waits for it.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// TCP on 127.0.0.1, for tests that start a local server.
enum LocalPort {
    /// A port nothing listens on now (the kernel's choice for a socket bound to port 0).
    static func free() throws -> UInt16 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw SandboxError("socket: errno \(errno)") }
        defer { close(socket) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(socket, address, length) == 0 && getsockname(socket, address, &length) == 0
            }
        }
        guard bound else { throw SandboxError("bind 127.0.0.1:0: errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// Whether a connection to `port` succeeds now.
    static func accepts(_ port: UInt16) -> Bool {
        guard let socket = try? connect(port) else { return false }
        close(socket)
        return true
    }

    /// Sends `POST path` with `body` and returns the response's HTTP status (0 when unreadable).
    static func post(port: UInt16, path: String, body: String) throws -> Int {
        let socket = try connect(port)
        defer { close(socket) }
        let request = Array(
            "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
                .utf8)
        var sent = 0
        while sent < request.count {
            let written = request[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, 0) }
            guard written > 0 else { throw SandboxError("send to 127.0.0.1:\(port): errno \(errno)") }
            sent += written
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            response += buffer[0..<count]
        }
        // "HTTP/1.1 200 OK"
        let words = String(decoding: response.prefix(64), as: UTF8.self).split(separator: " ")
        return words.count > 1 ? Int(words[1]) ?? 0 : 0
    }

    /// A socket connected to 127.0.0.1:`port`.
    private static func connect(_ port: UInt16) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw SandboxError("socket: errno \(errno)") }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        guard connected else {
            close(socket)
            throw SandboxError("connect 127.0.0.1:\(port): errno \(errno)")
        }
        return socket
    }

    /// `sockaddr_in` for 127.0.0.1:`port`.
    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}
