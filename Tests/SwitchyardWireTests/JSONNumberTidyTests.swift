import Testing
import SwitchyardJSON

@Suite struct JSONNumberTidyTests {
    @Test(arguments: [
        (#"{"cost":0.30000000000000004}"#, #"{"cost":0.3}"#),
        (#"{"cost":0.1,"n":3}"#, #"{"cost":0.1,"n":3}"#),
        (#"[1.0000000000000002,-2.9999999999999996]"#, #"[1,-3]"#),
        (#"{"third":0.3333333333333333}"#, #"{"third":0.3333333333333333}"#),
        (#"{"spent":12.340000000000002,"limit":25}"#, #"{"spent":12.34,"limit":25}"#),
        (#"{"name":"0.30000000000000004","x":"a\"0.30000000000000004"}"#, #"{"name":"0.30000000000000004","x":"a\"0.30000000000000004"}"#),
        (#"{"tiny":1.2e-07,"big":1e+300,"p":0.000002500000000000001}"#, #"{"tiny":1.2e-07,"big":1e+300,"p":2.5e-06}"#),
        (#"{"latency":0.12345678901234}"#, #"{"latency":0.12345678901234}"#),
    ])
    func tidies(input: String, expected: String) {
        #expect(String(decoding: JSONNumberTidy.tidy(Array(input.utf8)), as: UTF8.self) == expected)
    }
}
