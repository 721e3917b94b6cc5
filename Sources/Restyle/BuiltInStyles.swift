/// The styles Tenor ships. Each instruction completes "Rewrite the text …"; the examples are ours, short,
/// and carry code, versions and numbers as real inputs do, so the model sees them copied as they are.
public enum BuiltInStyles {
    public static let formal = RestyleStyle(
        name: "formal", instruction: RestyleStyle.formalityInstruction(level: 0.85),
        examples: [
            .init("hey, can u send me the report by friday? thx",
                  "Could you please send me the report by Friday? Thank you."),
            .init("we gotta bump `serde` to 1.0.210 before the release, the old one's kinda buggy",
                  "We need to update `serde` to 1.0.210 before the release, as the current version has several defects."),
            .init("quick heads up: the build on `main` is broken since this morning cuz the lockfile got messed up. i'm on it, should be fixed by 2pm. ping me if u need anything",
                  "Please note that the build on `main` has been failing since this morning because the lockfile was corrupted. I am working on it and expect it to be fixed by 2pm. Please let me know if you need anything."),
        ],
        level: 0.85, minimumMeaning: 0.5)

    public static let casual = RestyleStyle(
        name: "casual", instruction: RestyleStyle.formalityInstruction(level: 0.2),
        examples: [
            .init("We regret to inform you that the meeting scheduled for 14:00 has been postponed until further notice.",
                  "Heads up: the 14:00 meeting's been pushed back, no new time yet."),
            .init("Please ensure that `node` is installed prior to proceeding with the installation.",
                  "Just make sure you've got `node` installed before you start."),
            .init("Please be advised that the office will be closed on 24 December. Employees are requested to submit their timesheets no later than 22 December. Any questions should be directed to the HR department.",
                  "Heads up: the office is closed on 24 December. Get your timesheets in by 22 December, and if you've got questions, just ask HR."),
        ],
        level: 0.2)

    public static let polite = RestyleStyle(
        name: "polite",
        instruction: "so that it is polite and courteous: turn demands into requests, soften blunt complaints, drop rudeness, sarcasm and blame, but keep every request, deadline, complaint and consequence; state facts plainly, without adding \"I think\" or \"it seems\"",
        examples: [
            .init("Send me the logs. Now.", "Could you please send me the logs as soon as possible?"),
            .init("You forgot to tag v1.2 again. How hard can it be?",
                  "v1.2 still needs a tag. Could you please add it when you have a moment?"),
            .init("Whoever wrote this stupid query should fix it before Friday.",
                  "Could whoever wrote this query please fix it before Friday?", offensive: ["stupid"]),
            .init("The staging server has been down since 9:00 and nobody told me. I lost half a day. Next time post in #ops before you restart anything, or I'm escalating to Maria.",
                  "The staging server has been down since 9:00, and I wasn't told, so I lost half a day. Next time, could you please post in #ops before restarting anything? Otherwise I will need to escalate to Maria."),
        ],
        mustBeInoffensive: true)

    public static let concise = RestyleStyle(
        name: "concise",
        instruction: "as concisely as possible: cut filler, repetition and wordy phrases, merge sentences where it helps, but keep every fact, name, number and instruction",
        examples: [
            .init("In order to run the tests, you will need to make sure that `pytest` is installed on your machine first.",
                  "To run the tests, first install `pytest`."),
            .init("At this point in time, we are not in a position to provide an estimate, due to the fact that the vendor has not yet replied to us.",
                  "We can't estimate yet because the vendor hasn't replied."),
            .init("I just wanted to reach out and let you know that the deployment that we had planned for this afternoon is going to be delayed. The reason for this is that we found a bug in the payment module that we need to fix first. We will let you know as soon as we have a new time.",
                  "This afternoon's deployment is delayed: we found a bug in the payment module that we must fix first. We'll share the new time as soon as we have it."),
        ],
        maximumLengthRatio: 0.9)

    public static let neutral = RestyleStyle(
        name: "neutral",
        instruction: "in a neutral, respectful tone: remove every insult, swear word, slur, sarcasm and hostile remark about people, but keep the factual complaint, request or criticism of the work",
        examples: [
            .init("This idiot broke the build AGAIN with his garbage commit.", "He broke the build again with his commit.",
                  offensive: ["idiot", "garbage"]),
            .init("What the hell is `utils.py` even for? It's a steaming pile of crap.",
                  "What is `utils.py` for? It has serious problems.", offensive: ["the hell", "steaming pile of crap"]),
            .init("The new dashboard is a joke and whoever designed it is clueless. It takes 9 seconds to load.",
                  "The new dashboard has problems. It takes 9 seconds to load.", offensive: ["a joke", "clueless"]),
        ],
        mustBeInoffensive: true, minimumMeaning: 0.5)

    public static let plain = RestyleStyle(
        name: "plain",
        instruction: "in plain English for a general reader: short sentences, common words, no jargon, legalese or bureaucratic phrasing; explain rather than drop",
        examples: [
            .init("Prior to commencing installation, the user must ascertain that sufficient disk capacity (at least 2 GB) is available.",
                  "Before you install, check that you have at least 2 GB of free disk space."),
            .init("Notwithstanding the aforementioned limitations, the tool remains serviceable for the majority of use cases.",
                  "Despite these limits, the tool still works for most uses."),
            .init("Pursuant to section 4.2, the licensee shall remit payment within 30 days of receipt of the invoice. Failure to comply may result in suspension of service without prior notification.",
                  "Under section 4.2, you must pay within 30 days of getting the invoice. If you don't, we may stop your service without warning you first."),
        ],
        minimumMeaning: 0.55)

    public static let all: [RestyleStyle] = [formal, casual, polite, concise, neutral, plain]

    public static func named(_ name: String) -> RestyleStyle? { all.first { $0.name == name } }
}
