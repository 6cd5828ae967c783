import Testing

@Test func houndsupportBuilds() {}
