import SwitchyardCore
import Testing

/// Choosing one of a task entry's groups, from tables of how each stands.
@Suite struct TaskGroupChoiceTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var prefer: TaskPreference
        var standings: [String: TaskGroupStanding]
        var chosen: String
        var why: String?
        var testDescription: String { "\(prefer) → \(chosen)" }
    }

    static let groups = ["smart", "mid", "cheap"]
    static let all: [String: TaskGroupStanding] = [
        "smart": .init(serving: true, cost: 0.030, latency: 2.0),
        "mid": .init(serving: true, cost: 0.010, latency: 0.5),
        "cheap": .init(serving: true, cost: 0.001, latency: 0.9),
    ]

    static let rows: [Row] = [
        Row(prefer: .quality, standings: all, chosen: "smart", why: "first that can serve of smart, mid, cheap"),
        Row(prefer: .cost, standings: all, chosen: "cheap", why: "cheapest of smart, mid, cheap"),
        Row(prefer: .latency, standings: all, chosen: "mid", why: "fastest of smart, mid, cheap"),
        // A group that cannot serve is passed over, whatever it would cost.
        Row(prefer: .quality, standings: all.merging(["smart": .init(serving: false)]) { $1 }, chosen: "mid",
            why: "first that can serve of smart, mid, cheap; 1 of 3 cannot serve now"),
        Row(prefer: .cost, standings: all.merging(["cheap": .init(serving: false, cost: 0.0001)]) { $1 }, chosen: "mid",
            why: "cheapest of smart, mid, cheap; 1 of 3 cannot serve now"),
        // Unknown figures come after known ones; equal ones go to the listed order.
        Row(prefer: .latency, standings: ["smart": .init(serving: true), "mid": .init(serving: true, latency: 3),
                                          "cheap": .init(serving: true, latency: 3)], chosen: "mid",
            why: "fastest of smart, mid, cheap"),
        Row(prefer: .cost, standings: ["smart": .init(serving: true, cost: 0.5), "mid": .init(serving: true),
                                       "cheap": .init(serving: true, cost: 0.5)], chosen: "smart",
            why: "cheapest of smart, mid, cheap"),
        // None can serve: the first, and routing says what is wrong with it.
        Row(prefer: .cost, standings: [:], chosen: "smart", why: "none of smart, mid, cheap can serve now"),
    ]

    @Test(arguments: rows) func choosesAsTheTableSays(_ row: Row) {
        let (group, why) = TaskGroupChoice.choose(Self.groups, prefer: row.prefer) {
            row.standings[$0] ?? TaskGroupStanding(serving: false)
        }
        #expect(group == row.chosen)
        #expect(why == row.why)
    }

    @Test func aSingleGroupIsTakenWithoutAsking() {
        let (group, why) = TaskGroupChoice.choose(["only"], prefer: .cost) { _ in
            Issue.record("a single group needs no standing")
            return TaskGroupStanding(serving: false)
        }
        #expect(group == "only" && why == nil)
        #expect(TaskGroupChoice.choose([], prefer: .cost) { _ in TaskGroupStanding(serving: true) }.group == "")
    }
}
