/// The phrases built-in detection looks for in the last user message, by what they reveal. Each list holds
/// phrases that mean the task on their own in ordinary traffic; words that are also everyday words ("code",
/// "python", "function", "plan") appear only inside phrases that pin them down ("my code", "in python",
/// "write a function", "step-by-step plan").
enum TaskPhrases {
    /// Fences and error output: code on sight.
    static let codeMarks = phrases([
        "```", "traceback (most recent call last)", "exception in thread", "\n\tat ", "\n    at ", "goroutine ",
        "panicked at", "panic: ", "nullpointerexception", "segmentation fault", "stack trace", "stacktrace",
        "error[e0", "typeerror:", "valueerror:", "keyerror:", "attributeerror:", "syntaxerror:", "referenceerror:",
        "indexerror:", "importerror:", "modulenotfounderror", "uncaught ", "fatal error:", "undefined reference",
        "cannot find symbol", "npm err!", "exit code 1", "exit status 1", "core dumped", ".java:", ".py\", line",
        ".swift:", ".go:", ".rs:", ".ts:", ".js:", "diff --git", "\n@@ -", "\n+++ b/", "\n--- a/",
    ])

    /// SQL as written.
    static let sqlMarks = phrases([
        "select *", "insert into", "create table", "alter table", "delete from", "left join", "inner join",
        "group by", "order by", "where id", "drop table", "create index",
    ])

    /// Asking for, or about, a program.
    static let codeRequests = phrases([
        "write a function", "a function that", "write a script", "write a program", "bash script", "shell script",
        "python script", "in python", "in javascript", "in typescript", "in java ", "in golang", "in go ",
        "in rust", "in c++", "in c#", "in swift", "in kotlin", "in ruby", "in php", "sql query", "regex",
        "regular expression", "refactor", "unit test", "write tests", "test case for", "code review",
        "review this code", "my code", "this code", "the code below", "source code", "compile error",
        "compiler error", "doesn't compile", "won't compile", "null pointer", "api endpoint", "rest api", "graphql",
        "dockerfile", "docker compose", "kubernetes", "kubectl", "git commit", "git push", "git pull", "git merge",
        "git rebase", "git branch", "git log", "git status", "git reset", "github", "merge conflict", "rebase",
        "pull request", "commit message", "flexbox", "css ", "html", "in react", "react component", "react hook", "django",
        "flask", "node.js", "nodejs", "npm ", "pip install", "big-o", "big o", "time complexity",
        "linked list", "binary tree", "hash map", "hashmap", "recursion", "recursive function", "command line",
        "terminal command", "cron job", "crontab", "awk '", "sed '", "sed -", "grep ", "curl -", "segfault", "memory leak", "deadlock",
        "race condition", "stack overflow", "debug this", "debugging", "implement a", "implementation of",
        "algorithm", "data structure", "function signature", "type signature", "class that",
        "method that", "runtime error", "async/await", "callback", "json.",
        "jq ", "makefile", "cmake", "gradle", "maven", "webpack", "typescript", "javascript", "golang",
        "postgres", "mysql", "sqlite", "mongodb", "redis", "nginx config", "terraform", "ansible", "powershell",
        "vba", "excel formula", "spreadsheet formula", "linux", "bash", "zsh", "pytest", "jest", "junit",
        "test suite", "this function", "pandas", "dataframe", "numpy", "matplotlib", "git:", "feature branch",
        "commits", "repository", "repo ", "stack trace", "script that", "code snippet", "snippet",
        "代码", "函数", "编程", "报错", "脚本", "コード", "関数", "プログラム", "スクリプト", "código", "función que",
        "programa en", "quellcode", "funktion, die", "skript",
    ])

    /// "python function", "go script", "rust code", …: a language named with what is written in it.
    static let languageArtifacts: PhraseSet = {
        let languages = ["python", "javascript", "typescript", "java", "go", "golang", "rust", "ruby", "swift",
                         "kotlin", "c++", "c#", "php", "scala", "sql", "bash", "powershell", "perl", "r"]
        let artifacts = ["function", "script", "code", "program", "class", "snippet", "library", "package",
                         "module", "method", "loop", "query", "test"]
        return PhraseSet(languages.flatMap { l in artifacts.map { "\(l) \($0)" } })
    }()

    /// The shape of a reasoning problem: proofs, mathematics, puzzles, estimation, multi-step plans.
    static let reasoning = phrases([
        "prove ", "prove that", "proof ", "proof:", "theorem", "lemma", "show that", "derive", "derivation", "step by step",
        "step-by-step", "think carefully", "reason through", "think through", "solve for", "equation", "integral",
        "derivative", "differentiate", "probability", "expected value", "how many ways", "combinator",
        "permutation", "puzzle", "riddle", "paradox", "prime number", "modulo", "factorial", "induction",
        "contradiction", "game theory", "bayes", "optimal strategy", "trade-off", "tradeoff", "trade-offs",
        "estimate how many", "fermi", "how would you approach", "plan in steps", "step-by-step plan",
        "migration plan", "rollout plan", "project plan", "phased plan",
        "multi-step", "first principles", "calculus", "algebra", "geometry", "matrix", "eigen", "converge",
        "inequality", "minimize", "maximize", "optimization problem", "logic puzzle", "deduce", "hypothesis test",
        "what is the minimum", "what is the maximum", "how long would it take",
        "∫", "∑", "√", "≤", "≥", "x^2", "^2", "n^", "mathemat", "how far", "how long until", "at what time",
        "mph", "km/h", "m/s", "per hour", "each step", "explain your reasoning", "show your work", "show why",
        "in steps", "rollback", "critical path", "week-by-week", "-by-week plan", "constraint", "equilibrium",
        "nash", "estimate the total", "estimate the number", "estimate how", "assumptions", "market size",
        "in what order", "prioritiz", "counterexample", "syllogism", "fallacy", "argument valid",
        "valid argument", "knights", "推理", "推論",
        "证明", "推导", "概率", "方程", "逐步", "证明题", "証明", "確率", "方程式", "段階的", "demuestra", "demostrar",
        "probabilidad", "ecuación", "paso a paso", "beweise", "beweis", "wahrscheinlichkeit", "gleichung",
        "schritt für schritt",
    ])

    private static func phrases(_ list: [String]) -> PhraseSet { PhraseSet(list) }
}
