// swift-tools-version: 6.1
// keyhound: a secret scanner for git repositories with a key inventory and rotation.
// No third-party packages: a security tool with zero supply chain, which builds offline.
import PackageDescription

let package = Package(
    name: "keyhound",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "keyhound", targets: ["keyhound"])
    ],
    targets: [
        // Leaves: no dependencies on other targets (TOML and HoundJSON only on the one redaction, a leaf).
        .target(name: "HoundRedaction"),
        .target(name: "TOML", dependencies: ["HoundRedaction"]),
        .target(name: "HoundJSON", dependencies: ["HoundRedaction"]),
        .target(name: "HoundRegex"),
        .target(name: "HoundSupport", dependencies: ["HoundRedaction"]),
        // Values shared by everything above the leaves.
        .target(name: "HoundModel", dependencies: ["HoundSupport", "HoundRedaction"]),
        .target(name: "HoundRules", dependencies: ["TOML", "HoundModel", "HoundRegex", "HoundSupport", "HoundRedaction"]),
        .target(name: "HoundEngine", dependencies: ["HoundRules", "HoundModel", "HoundSupport", "HoundRegex", "HoundRedaction"]),
        .target(name: "HoundInputs", dependencies: ["HoundModel", "HoundSupport"]),
        .target(name: "HoundInventory", dependencies: ["HoundModel", "HoundSupport", "TOML", "HoundJSON", "HoundRedaction"]),
        .target(name: "HoundRotation", dependencies: ["HoundInventory", "HoundModel", "HoundSupport", "HoundJSON", "TOML"]),
        .target(name: "HoundReport", dependencies: ["HoundModel", "HoundSupport", "HoundJSON"]),
        // The scan pipeline: fragment sources (tree, files, stdin, staged, range, history,
        // repository lists) feeding the parallel scanner; wires inputs to the engine.
        .target(
            name: "HoundPipeline",
            dependencies: [
                "HoundEngine", "HoundInputs", "HoundInventory", "HoundReport", "HoundRules", "HoundModel", "HoundSupport",
            ]),
        .target(
            name: "HoundCLI",
            dependencies: [
                "TOML", "HoundJSON", "HoundSupport", "HoundModel", "HoundRules", "HoundEngine", "HoundInputs",
                "HoundPipeline", "HoundInventory", "HoundRotation", "HoundReport",
            ]),
        .executableTarget(name: "keyhound", dependencies: ["HoundCLI"]),
        // Writes patterns/*.toml and hooks/* into Swift sources (`+Generated.swift`).
        .executableTarget(name: "keyhound-embed", dependencies: ["HoundRules"], path: "Sources/KeyhoundEmbed"),

        // Helpers shared by test targets (a seeded generator).
        .target(name: "HoundTestSupport", path: "Tests/HoundTestSupport"),
        .testTarget(name: "TOMLTests", dependencies: ["TOML", "HoundTestSupport"]),
        .testTarget(name: "HoundJSONTests", dependencies: ["HoundJSON"]),
        .testTarget(name: "HoundRegexTests", dependencies: ["HoundRegex", "HoundTestSupport"]),
        .testTarget(name: "HoundSupportTests", dependencies: ["HoundSupport"]),
        .testTarget(name: "HoundModelTests", dependencies: ["HoundModel"]),
        .testTarget(name: "HoundRulesTests", dependencies: ["HoundRules", "HoundEngine", "TOML"]),
        .testTarget(name: "HoundEngineTests", dependencies: ["HoundEngine", "HoundRules", "HoundModel", "HoundTestSupport"]),
        .testTarget(name: "HoundInputsTests", dependencies: ["HoundInputs", "HoundModel", "HoundSupport"]),
        .testTarget(name: "HoundInventoryTests", dependencies: ["HoundInventory", "HoundModel", "HoundSupport"]),
        .testTarget(name: "HoundRotationTests", dependencies: ["HoundRotation", "HoundInventory", "HoundSupport"]),
        .testTarget(name: "HoundReportTests", dependencies: ["HoundReport", "HoundModel", "HoundRedaction", "HoundJSON"], exclude: ["Fixtures"]),
        .testTarget(name: "HoundCLITests", dependencies: ["HoundCLI", "HoundTestSupport"]),
        .testTarget(name: "HoundHardeningTests", dependencies: ["HoundCLI", "HoundEngine", "HoundRules", "HoundRegex", "TOML", "HoundInputs", "HoundInventory", "HoundRedaction", "HoundSupport"]),
    ]
)
