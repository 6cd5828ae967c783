import Testing

@Test func houndinventoryBuilds() {}
