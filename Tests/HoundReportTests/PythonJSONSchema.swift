import Foundation

/// Validates JSON documents against a JSON schema with python3's `jsonschema` package, when this
/// machine has both.
enum PythonJSONSchema {
    /// Whether `python3 -c "import jsonschema"` succeeds.
    static let isAvailable: Bool = (try? run(["-c", "import jsonschema"]).status) == 0

    /// Checks with Draft 4 (the SARIF schema's draft) and format checking; prints one line per
    /// error, sorted, and exits 1 when there are any.
    static let script = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        document = json.load(open(sys.argv[2]))
        validator = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
        errors = sorted(validator.iter_errors(document), key=lambda e: (list(map(str, e.absolute_path)), e.message))
        for error in errors:
            print("/".join(map(str, error.absolute_path)) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """

    /// The validator's verdict on `document` against the schema file at `schema`: the exit status
    /// and what it printed.
    static func validate(_ document: [UInt8], schema: URL) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("keyhound-\(UUID().uuidString).json")
        try Data(document).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try run(["-c", script, schema.path, file.path])
    }

    /// Runs `python3` with `arguments`, draining its output before waiting.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
