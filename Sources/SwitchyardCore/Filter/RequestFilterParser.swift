/// Turns filter text into terms, reporting the first bad one with its 1-based character position.
enum RequestFilterParser {
    /// The terms of `text`, split on whitespace. Split by Unicode scalar, not by character: a combining mark after
    /// a space would otherwise join the space into one character and two terms into one.
    static func parse(_ text: String) throws(RequestFilterError) -> [RequestFilterTerm] {
        var terms: [RequestFilterTerm] = []
        var current = ""
        var start = 0
        for (i, c) in text.unicodeScalars.enumerated() {
            if c.properties.isWhitespace {
                if !current.isEmpty { terms.append(try term(current, at: start)) }
                current = ""
            } else {
                if current.isEmpty { start = i + 1 }
                current.unicodeScalars.append(c)
            }
        }
        if !current.isEmpty { terms.append(try term(current, at: start)) }
        return terms
    }

    /// One term written at `position`: leading `!`/`-` negations, then a flag, a `field<op>value` or a word.
    static func term(_ token: String, at position: Int) throws(RequestFilterError) -> RequestFilterTerm {
        var body = Substring(token)
        var negations = 0
        while let first = body.first, first == "!" || first == "-" {
            body = body.dropFirst()
            negations += 1
        }
        guard !body.isEmpty else {
            throw RequestFilterError(kind: .danglingNegation, term: token, position: position)
        }
        let bodyPosition = position + negations
        let positive = try positiveTerm(body, token: token, at: bodyPosition)
        return negations % 2 == 1 ? .not(positive) : positive
    }

    static func positiveTerm(_ body: Substring, token: String, at position: Int) throws(RequestFilterError) -> RequestFilterTerm {
        guard let (opIndex, spelling, op) = findOperator(body) else {
            let lower = body.lowercased()
            if let flag = RequestFilterFlag(rawValue: lower) { return .flag(flag) }
            if let field = RequestFilterField(name: lower) {
                throw RequestFilterError(kind: .missingValue(field: field.rawValue), term: token, position: position)
            }
            return .word(String(body))
        }
        let name = body[..<opIndex].lowercased()
        let opPosition = position + body.distance(from: body.startIndex, to: opIndex)
        let valueStart = body.index(opIndex, offsetBy: spelling.count)
        let value = String(body[valueStart...])
        let valuePosition = opPosition + spelling.count
        guard !name.isEmpty else {
            throw RequestFilterError(kind: .missingField(op: spelling), term: token, position: opPosition)
        }
        if RequestFilterFlag(rawValue: name) != nil {
            throw RequestFilterError(kind: .badOperator(field: name, op: spelling), term: token, position: opPosition)
        }
        guard let field = RequestFilterField(name: name) else {
            let candidates = RequestFilterField.allNames + RequestFilterField.aliases.keys.sorted()
            let suggestion = NameSuggestion.closest(to: name, in: candidates)
            throw RequestFilterError(kind: .unknownField(name, suggestion: suggestion), term: token, position: position)
        }
        guard field.operators.contains(op) else {
            throw RequestFilterError(kind: .badOperator(field: field.rawValue, op: spelling), term: token, position: opPosition)
        }
        guard !value.isEmpty else {
            throw RequestFilterError(kind: .emptyValue(field: field.rawValue), term: token, position: valuePosition)
        }
        // `model===x` is a mistyped operator, not the value "=x": read that way, the filter's canonical text
        // (`model==x`) would mean something else.
        if let first = value.first, "=<>!".contains(first) {
            throw RequestFilterError(kind: .badOperator(field: field.rawValue, op: spelling + String(first)), term: token,
                                     position: opPosition)
        }
        func fail(_ kind: RequestFilterError.Kind) -> RequestFilterError {
            RequestFilterError(kind: kind, term: token, position: valuePosition)
        }
        switch field.valueKind {
        case .text:
            return .text(field, op, value)
        case .choice:
            let choices = ErrorClass.allCases.map(\.rawValue)
            guard let c = ErrorClass(rawValue: value.lowercased()) ?? ErrorClass(rawValue: value) else {
                let suggestion = NameSuggestion.closest(to: value, in: choices)
                throw fail(.badChoice(field: field.rawValue, value: value, choices: choices, suggestion: suggestion))
            }
            return .errorClass(op, c)
        case .number:
            if field == .status, let digit = statusClass(value) {
                guard op == .equal || op == .notEqual else {
                    throw fail(.badNumber(field: field.rawValue, value: value))
                }
                return .statusClass(op, digit)
            }
            let digits = field == .cost && value.hasPrefix("$") ? String(value.dropFirst()) : value
            guard let number = decimal(digits) else { throw fail(.badNumber(field: field.rawValue, value: value)) }
            return .compare(field, op, RequestFilterQuantity(value: number, text: digits))
        case .duration:
            guard let quantity = duration(value) else { throw fail(.badDuration(field: field.rawValue, value: value)) }
            return .compare(field, op, quantity)
        }
    }

    /// The first operator in `body` and its spelling; the field name is what comes before it.
    static func findOperator(_ body: Substring) -> (Substring.Index, String, RequestFilterOperator)? {
        var i = body.startIndex
        while i < body.endIndex {
            let rest = body[i...]
            for (spelling, op) in RequestFilterOperator.spellings where rest.hasPrefix(spelling) {
                return (i, spelling, op)
            }
            i = body.index(after: i)
        }
        return nil
    }

    /// "5xx" → 5 (case-insensitive), for 1xx…5xx.
    static func statusClass(_ value: String) -> Int? {
        let lower = value.lowercased()
        guard lower.count == 3, lower.hasSuffix("xx"), let digit = lower.first?.wholeNumberValue,
              (1...5).contains(digit) else { return nil }
        return digit
    }

    /// A plain decimal: digits with at most one point, not last (no sign, exponent, hex, inf or nan).
    static func decimal(_ text: String) -> Double? {
        guard !text.isEmpty, !text.hasSuffix("."), text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              text.filter({ $0 == "." }).count <= 1, text.contains(where: \.isNumber) else { return nil }
        return Double(text)
    }

    /// `250ms`, `1.5s`, `2m`, or a bare number of seconds; the canonical text always has a unit.
    static func duration(_ text: String) -> RequestFilterQuantity? {
        let lower = text.lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
        for (unit, scale) in units where lower.hasSuffix(unit) {
            let number = String(lower.dropLast(unit.count))
            guard let n = decimal(number) else { return nil }
            return RequestFilterQuantity(value: n * scale, text: number + unit)
        }
        guard let n = decimal(lower) else { return nil }
        return RequestFilterQuantity(value: n, text: lower + "s")
    }
}
