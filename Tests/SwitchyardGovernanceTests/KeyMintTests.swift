import Testing
@testable import SwitchyardGovernance

@Suite struct KeyMintTests {
    @Test func hashIsSHA256OfAKnownVector() {
        #expect(KeyMint.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(KeyMint.hash("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func generatedSecretsHaveThePrefixShapeAndMatchingHash() {
        let one = KeyMint.generate()
        let two = KeyMint.generate()
        #expect(one.secret.hasPrefix("sk-sy-"))
        #expect(one.secret.count == 6 + 43)
        #expect(one.prefix == String(one.secret.prefix(10)))
        #expect(one.hash == KeyMint.hash(one.secret))
        #expect(KeyMint.isHash(one.hash))
        #expect(KeyMint.isWellFormed(one.secret))
        #expect(one.secret != two.secret)
    }

    @Test(arguments: ["", "sk-sy-", "sk-sy-abc", "sk-xx-" + String(repeating: "a", count: 43),
                      "sk-sy-" + String(repeating: "a", count: 42) + "!", "sk-sy-" + String(repeating: "a", count: 44)])
    func malformedSecretsAreRejected(_ secret: String) {
        #expect(!KeyMint.isWellFormed(secret))
    }
}
