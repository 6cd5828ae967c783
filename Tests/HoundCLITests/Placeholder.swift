import Testing

@Test func houndcliBuilds() {}
