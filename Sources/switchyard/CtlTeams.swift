import ArgumentParser
import Foundation
import SwitchyardControl
import SwitchyardControlAPI

/// `ctl teams`: teams managed at runtime (config-file teams are listed but read-only).
struct CtlTeams: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teams", abstract: "Create, list and delete teams.",
        discussion: """
            Examples:
              switchyard ctl teams create research --models gpt-4o --rpm 600
              switchyard ctl teams list
              switchyard ctl teams delete research
            """,
        subcommands: [CtlTeamsCreate.self, CtlTeamsList.self, CtlTeamsDelete.self])
}

/// `ctl teams create`: create a team, or replace one made earlier over the control API.
struct CtlTeamsCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create a team, or replace its settings.",
        discussion: """
            Examples:
              switchyard ctl teams create research
              switchyard ctl teams create ml --models gpt-4o,claude --rpm 600 --tpm 200000
            """)
    @OptionGroup var options: CtlOptions
    @Argument(help: "The team's name.") var name: String
    @Option(help: ArgumentHelp("Model groups the team's keys may call (default: all).", valueName: "a,b"))
    var models: String?
    @Option(help: "Requests per minute, across the team's keys.") var rpm: Int?
    @Option(help: "Tokens per minute, across the team's keys.") var tpm: Int?
    @Option(help: ArgumentHelp("A label, repeatable.", valueName: "key=value")) var meta: [String] = []

    func validate() throws {
        try CtlInput.checkLimits(rpm: rpm, tpm: tpm)
        _ = try CtlInput.metadata(meta)
    }

    func run() async throws {
        let request = TeamRequest(name: name, models: CtlInput.list(models), rpm: rpm, tpm: tpm,
                                  metadata: try CtlInput.metadata(meta).nilIfEmpty)
        let body = try ControlJSON.encode(request)
        let (status, team) = try await options.governance(
            socket: { try await $0.exchange(TeamInfo.self, "POST", ControlPath.teams, body: body) },
            fleet: { [request] admin, _, actor in
                let (team, created) = try admin.upsertTeam(request, actor: actor)
                return (status: created ? 201 : 200, value: team)
            })
        Console.out("\(status == 201 ? "Created" : "Updated") team '\(team.name)'.")
    }
}

/// `ctl teams list`.
struct CtlTeamsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List teams.",
        discussion: """
            Examples:
              switchyard ctl teams list
              switchyard ctl teams list --json
            """)
    @OptionGroup var options: CtlOptions
    @Flag(help: "Print the teams as JSON.") var json = false

    func run() async throws {
        let teams = try await options.governance(
            socket: { try await $0.request([TeamInfo].self, "GET", ControlPath.teams) },
            fleet: { admin, _, _ in admin.teams() })
        if json { return try printJSON(teams) }
        if teams.isEmpty { return Console.out("no teams") }
        Console.out(CtlTable.teams(teams).render())
    }
}

/// `ctl teams delete`: refused while keys or budgets name the team.
struct CtlTeamsDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a team (refused while keys or budgets name it).",
        discussion: """
            Examples:
              switchyard ctl teams delete research
            """)
    @OptionGroup var options: CtlOptions
    @Argument(help: "The team's name.") var name: String

    func run() async throws {
        let team = try await options.governance(
            socket: { try await $0.request(TeamInfo.self, "DELETE", ControlPath.team(name)) },
            fleet: { [name] admin, _, actor in try admin.deleteTeam(named: name, actor: actor) })
        Console.out("Deleted team '\(team.name)'.")
    }
}
