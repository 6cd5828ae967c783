// libFuzzer target: users' configuration files (keyhound and gitleaks flavours) from TOML text
// to compiled rules.
//
// The first byte picks the flavour; the rest is the file. It must decode or fail with a
// `RuleError`, and decoded rules must compile (`validateAll`) or fail with one: a user's
// configuration can be wrong, never fatal.
import HoundEngine
import HoundRules

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfig(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = fuzzBytes(data, size)
    guard let mode = input.first, let text = String(validating: input.dropFirst(), as: UTF8.self) else { return 0 }
    let isGitleaks = mode & 1 == 1
    guard let configuration = try? Configuration.decode(text, file: isGitleaks ? ".gitleaks.toml" : ".keyhound.toml", isGitleaks: isGitleaks),
        let ruleSet = try? RuleSet.make(configuration: configuration)
    else { return 0 }
    guard let compiled = try? CompiledRules(ruleSet, validateAll: mode & 2 == 2) else { return 0 }
    fuzzCheck(compiled.rules.count == ruleSet.rules.count, "rules lost while compiling")
    return 0
}
