import Foundation
import SwitchyardCore
import Testing
@testable import SwitchyardGovernance

@Suite struct PeriodBoundsTests {
    let newYork = BudgetPeriod.resolveTimeZone("America/New_York")
    let kolkata = BudgetPeriod.resolveTimeZone("Asia/Kolkata")
    let berlin = BudgetPeriod.resolveTimeZone("Europe/Berlin")

    @Test func dailyBoundsFollowTheZonesMidnight() {
        #expect(BudgetPeriod.daily.periodEnd(containing: noon, timeZone: newYork) == 1_795_669_200)
        #expect(BudgetPeriod.daily.periodStart(containing: noon, timeZone: newYork) == 1_795_582_800)
        // +5:30: noon UTC is 17:30 in Kolkata; the day ends at 18:30 UTC.
        #expect(BudgetPeriod.daily.periodEnd(containing: noon, timeZone: kolkata) == 1_795_631_400)
        #expect(BudgetPeriod.daily.periodEnd(containing: noon, timeZone: berlin) == 1_795_647_600)
    }

    @Test func aDayWithADaylightSavingChangeIs25Hours() {
        let sunday = 1_793_552_400.0 // 2026-11-01 12:00 EST, the day clocks go back
        let start = BudgetPeriod.daily.periodStart(containing: sunday, timeZone: newYork)
        let end = BudgetPeriod.daily.periodEnd(containing: sunday, timeZone: newYork)
        #expect(start == 1_793_505_600)
        #expect(end == 1_793_595_600)
        let length = end.map { $0 - start }
        let twentyFiveHours: Double = 90_000
        #expect(length == twentyFiveHours)
    }

    @Test func weeksStartOnMonday() {
        #expect(BudgetPeriod.weekly.periodStart(containing: noon, timeZone: kolkata) == 1_795_372_200)
        #expect(BudgetPeriod.weekly.periodEnd(containing: noon, timeZone: kolkata) == 1_795_977_000)
        let utc = BudgetPeriod.resolveTimeZone("UTC")
        #expect(BudgetPeriod.weekly.periodStart(containing: noon, timeZone: utc) == 1_795_392_000)
        // A Monday at midnight starts its own week.
        #expect(BudgetPeriod.weekly.periodStart(containing: 1_795_392_000, timeZone: utc) == 1_795_392_000)
        #expect(BudgetPeriod.weekly.periodEnd(containing: 1_795_392_000 - 1, timeZone: utc) == 1_795_392_000)
    }

    @Test func monthsFollowTheCalendar() {
        #expect(BudgetPeriod.monthly.periodStart(containing: noon, timeZone: berlin) == 1_793_487_600)
        #expect(BudgetPeriod.monthly.periodEnd(containing: noon, timeZone: berlin) == 1_796_079_600)
    }

    @Test func totalHasNoEndAndStartsAtZero() {
        #expect(BudgetPeriod.total.periodEnd(containing: noon, timeZone: berlin) == nil)
        #expect(BudgetPeriod.total.periodStart(containing: noon, timeZone: berlin) == 0)
    }

    @Test func anUnknownZoneFallsBackToUTC() {
        #expect(BudgetPeriod.daily.periodEnd(containing: noon, timeZone: "Mars/Olympus_Mons") == 1_795_651_200)
        #expect(BudgetPeriod.daily.periodEnd(containing: noon, timeZone: "Mars/Olympus_Mons")
                == BudgetPeriod.daily.periodEnd(containing: noon))
    }
}

@Suite struct BudgetResetTests {
    func governor(zone: String, period: BudgetPeriod) throws -> Governor {
        try Governor(policy: GovernancePolicy(auth: .open, timeZone: zone),
                     budgets: [BudgetSpec(scope: .global, limit: 1, period: period)], now: noon)
    }

    @Test(arguments: [("America/New_York", 1_795_669_200.0), ("Asia/Kolkata", 1_795_631_400.0)])
    func dailyBudgetResetsAtTheZonesMidnight(_ zone: String, midnight: Double) throws {
        let g = try governor(zone: zone, period: .daily)
        spend(g, request(), cost: 1, at: noon)
        let blocked = try #require(g.admit(request(), estimatedCost: 0, now: midnight - 1).error)
        #expect(blocked.message.contains(zone))
        #expect(blocked.retryAfter == 1)
        #expect(snapshot(g, .global, now: midnight - 1)?.resetsAt == midnight)
        #expect(g.admit(request(), estimatedCost: 0, now: midnight).isAdmitted)
        #expect(snapshot(g, .global, now: midnight)?.spent == 0)
    }

    @Test func weeklyBudgetResetsOnMonday() throws {
        let g = try governor(zone: "UTC", period: .weekly)
        spend(g, request(), cost: 1, at: noon)
        let monday = 1_795_996_800.0
        #expect(g.admit(request(), estimatedCost: 0, now: monday - 1).error != nil)
        #expect(g.admit(request(), estimatedCost: 0, now: monday).isAdmitted)
    }

    @Test func monthlyBudgetResetsOnTheFirst() throws {
        let g = try governor(zone: "Europe/Berlin", period: .monthly)
        spend(g, request(), cost: 1, at: noon)
        #expect(g.admit(request(), estimatedCost: 0, now: 1_796_079_600 - 1).error?.message
                .contains("resets 2026-12-01 00:00 Europe/Berlin") == true)
        #expect(g.admit(request(), estimatedCost: 0, now: 1_796_079_600).isAdmitted)
    }

    @Test func totalNeverResets() throws {
        let g = try governor(zone: "UTC", period: .total)
        spend(g, request(), cost: 1, at: noon)
        let error = try #require(g.admit(request(), estimatedCost: 0, now: noon + 400 * 86_400).error)
        #expect(error.retryAfter == nil)
        #expect(error.message.contains("does not reset"))
        #expect(snapshot(g, .global, now: noon + 400 * 86_400)?.resetsAt == nil)
    }
}
