import Testing
@testable import SwitchyardCore

@Suite struct RequestFilterParserTests {
    func parse(_ text: String) throws -> [RequestFilterTerm] {
        try RequestFilter(parsing: text).terms
    }

    /// The error `text` fails with; records an issue when it parses.
    func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> RequestFilterError? {
        do {
            let filter = try RequestFilter(parsing: text)
            Issue.record("'\(text)' parsed as '\(filter)'", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    @Test func emptyAndBlankTextHaveNoTerms() throws {
        #expect(try parse("").isEmpty)
        #expect(try parse("   ").isEmpty)
        #expect(try RequestFilter(parsing: "  ").isEmpty)
    }

    @Test func textFields() throws {
        #expect(try parse("model=gpt-4o") == [.text(.model, .equal, "gpt-4o")])
        #expect(try parse("key!=team-a/web") == [.text(.key, .notEqual, "team-a/web")])
        #expect(try parse("team=team-a") == [.text(.team, .equal, "team-a")])
        #expect(try parse("provider=azure") == [.text(.provider, .equal, "azure")])
        #expect(try parse("deployment=gpt-4o/openai") == [.text(.deployment, .equal, "gpt-4o/openai")])
        #expect(try parse("id=req_7f") == [.text(.id, .equal, "req_7f")])
        // Field names are case-insensitive and `==` is `=`; values keep their case.
        #expect(try parse("MODEL==GPT-4o") == [.text(.model, .equal, "GPT-4o")])
    }

    @Test func statusClassesAndNumbers() throws {
        #expect(try parse("status=5xx") == [.statusClass(.equal, 5)])
        #expect(try parse("status!=4XX") == [.statusClass(.notEqual, 4)])
        #expect(try parse("status>=500") == [.compare(.status, .greaterOrEqual, RequestFilterQuantity(value: 500, text: "500"))])
        #expect(try parse("status<400") == [.compare(.status, .less, RequestFilterQuantity(value: 400, text: "400"))])
        #expect(try parse("tokens>1000") == [.compare(.tokens, .greater, RequestFilterQuantity(value: 1000, text: "1000"))])
        #expect(try parse("cost>0.01") == [.compare(.cost, .greater, RequestFilterQuantity(value: 0.01, text: "0.01"))])
        #expect(try parse("cost<=$2") == [.compare(.cost, .lessOrEqual, RequestFilterQuantity(value: 2, text: "2"))])
        #expect(try parse("tries>1") == [.compare(.tries, .greater, RequestFilterQuantity(value: 1, text: "1"))])
        #expect(try parse("status=429") == [.compare(.status, .equal, RequestFilterQuantity(value: 429, text: "429"))])
    }

    @Test(arguments: [
        ("slow>1s", RequestFilterField.latency, RequestFilterOperator.greater, 1.0, "1s"),
        ("latency>=250ms", .latency, .greaterOrEqual, 0.25, "250ms"),
        ("ttft>2s", .ttft, .greater, 2, "2s"),
        ("latency<2m", .latency, .less, 120, "2m"),
        ("latency>1.5", .latency, .greater, 1.5, "1.5s"),
        ("ttft<=0.5S", .ttft, .lessOrEqual, 0.5, "0.5s"),
    ])
    func durations(text: String, field: RequestFilterField, op: RequestFilterOperator, seconds: Double, canonical: String) throws {
        let terms = try parse(text)
        #expect(terms == [.compare(field, op, RequestFilterQuantity(value: seconds, text: canonical))])
    }

    @Test func flagsWordsAndNegation() throws {
        #expect(try parse("fallback stream error ok") == [.flag(.fallback), .flag(.stream), .flag(.error), .flag(.ok)])
        #expect(try parse("!stream") == [.not(.flag(.stream))])
        #expect(try parse("-fallback") == [.not(.flag(.fallback))])
        #expect(try parse("!!stream") == [.flag(.stream)])
        #expect(try parse("!provider=azure") == [.not(.text(.provider, .equal, "azure"))])
        #expect(try parse("gpt") == [.word("gpt")])
        #expect(try parse("-gpt") == [.not(.word("gpt"))])
        // Only a leading dash negates: names with dashes stay words.
        #expect(try parse("team-a") == [.word("team-a")])
        #expect(try parse("class=timeout errclass=429") == [.errorClass(.equal, .timeout), .errorClass(.equal, .rateLimited)])
    }

    @Test func combinationsKeepTheirOrder() throws {
        let terms = try parse("  status>=500   model=gpt-4o slow>1s fallback key=team-a ")
        #expect(terms == [
            .compare(.status, .greaterOrEqual, RequestFilterQuantity(value: 500, text: "500")),
            .text(.model, .equal, "gpt-4o"),
            .compare(.latency, .greater, RequestFilterQuantity(value: 1, text: "1s")),
            .flag(.fallback),
            .text(.key, .equal, "team-a"),
        ])
    }

    @Test(arguments: [
        ("status>=500 model=gpt-4o slow>1s fallback key=team-a", "status>=500 model=gpt-4o latency>1s fallback key=team-a"),
        ("  -stream   STATUS=5XX", "!stream status=5xx"),
        ("latency>=250ms ttft>2 cost>$0.01", "latency>=250ms ttft>2s cost>0.01"),
        ("errclass=TIMEOUT tries>1 -gpt", "class=timeout tries>1 !gpt"),
        ("provider!=azure id=req_7f model=claude*", "provider!=azure id=req_7f model=claude*"),
        ("", ""),
    ])
    func canonicalDescriptionRoundTrips(text: String, canonical: String) throws {
        let filter = try RequestFilter(parsing: text)
        #expect(filter.description == canonical)
        let again = try RequestFilter(parsing: filter.description)
        #expect(again == filter)
        #expect(again.description == canonical)
    }

    @Test func unknownFieldSuggestsTheClosest() throws {
        let e = try #require(failure("stauts>=500"))
        #expect(e.kind == .unknownField("stauts", suggestion: "status"))
        #expect(e.position == 1)
        #expect(e.term == "stauts>=500")
        #expect(e.message == "unknown field 'stauts' at 1 (did you mean 'status'?)")
        // Position counts from the start of the expression, and past leading negation.
        let later = try #require(failure("fallback !modle=gpt-4o"))
        #expect(later.position == 11)
        #expect(later.message == "unknown field 'modle' at 11 (did you mean 'model'?)")
        let far = try #require(failure("zzzzzz=1"))
        #expect(far.kind == .unknownField("zzzzzz", suggestion: nil))
        #expect(far.message.hasPrefix("unknown field 'zzzzzz' at 1 (fields: model key team"))
    }

    @Test func badOperatorForAField() throws {
        let e = try #require(failure("model>gpt"))
        #expect(e.kind == .badOperator(field: "model", op: ">"))
        #expect(e.position == 6)
        #expect(e.message == "operator '>' does not apply to model at 6 (use = !=)")
        let flag = try #require(failure("ok stream=yes"))
        #expect(flag.kind == .badOperator(field: "stream", op: "="))
        #expect(flag.position == 10)
        #expect(flag.message == "'stream' is a flag and takes no '=' at 10 (write stream or !stream)")
        let classRange = try #require(failure("status>=5xx"))
        #expect(classRange.kind == .badNumber(field: "status", value: "5xx"))
        #expect(classRange.position == 9)
    }

    @Test(arguments: [
        ("status>=5OO", "status", "5OO", 9),
        ("tokens>1e3", "tokens", "1e3", 8),
        ("cost>-1", "cost", "-1", 6),
        ("tries>1.2.3", "tries", "1.2.3", 7),
        ("x status=nan", "status", "nan", 10),
    ])
    func badNumbers(text: String, field: String, value: String, position: Int) throws {
        let e = try #require(failure(text))
        #expect(e.kind == .badNumber(field: field, value: value))
        #expect(e.position == position)
        #expect(e.message.hasPrefix("bad number '\(value)' for \(field) at \(position)"))
    }

    @Test(arguments: [("slow>fast", "fast", 6), ("latency>1h", "1h", 9), ("ttft>ms", "ms", 6), ("slow>1.s", "1.s", 6)])
    func badDurations(text: String, value: String, position: Int) throws {
        let e = try #require(failure(text))
        #expect(e.kind == .badDuration(field: text.hasPrefix("ttft") ? "ttft" : "latency", value: value))
        #expect(e.position == position)
        #expect(e.message.contains("(e.g. 250ms, 1.5s, 2m)"))
    }

    @Test func emptyValuesAndMissingParts() throws {
        let empty = try #require(failure("model= fallback"))
        #expect(empty.kind == .emptyValue(field: "model"))
        #expect(empty.position == 7)
        #expect(empty.message == "empty value for model at 7")
        let emptyNumber = try #require(failure("fallback status>="))
        #expect(emptyNumber.kind == .emptyValue(field: "status"))
        #expect(emptyNumber.position == 18)
        let noField = try #require(failure("=gpt"))
        #expect(noField.kind == .missingField(op: "="))
        #expect(noField.message == "missing field before '=' at 1")
        let noValue = try #require(failure("ok status"))
        #expect(noValue.kind == .missingValue(field: "status"))
        #expect(noValue.position == 4)
        #expect(noValue.message == "status needs an operator and a value at 4 (e.g. status>=500)")
        let dangling = try #require(failure("ok -"))
        #expect(dangling.kind == .danglingNegation)
        #expect(dangling.position == 4)
        let badClass = try #require(failure("class=timout"))
        #expect(badClass.kind == .badChoice(field: "class", value: "timout", choices: ErrorClass.allCases.map(\.rawValue),
                                            suggestion: "timeout"))
        #expect(badClass.message == "bad value 'timout' for class at 7 (did you mean 'timeout'?)")
    }

    @Test func positionsCountCharactersNotBytes() throws {
        let e = try #require(failure("é→ stauts=1"))
        #expect(e.position == 4)
    }
}
