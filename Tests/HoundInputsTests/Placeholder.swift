import Testing

@Test func houndinputsBuilds() {}
