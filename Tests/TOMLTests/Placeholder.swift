import Testing

@Test func tomlBuilds() {}
