import Testing

@Test func houndmodelBuilds() {}
