/// The styles Tenor ships. Examples are ours, short, and carry code, versions and the like as real
/// inputs do, so the model sees them copied as they are.
public enum BuiltInStyles {
    public static let formal = RestyleStyle(
        name: "formal",
        instruction: RestyleStyle.formalityInstruction(level: 0.85),
        examples: [
            .init("hey, can u send me the report by friday?", "Could you please send me the report by Friday?"),
            .init("the build's broken again, no idea why", "The build is broken again, and the cause is unknown."),
            .init("we gotta bump `serde` before the release", "We need to update `serde` before the release."),
        ],
        measure: .formality, level: 0.85)

    public static let casual = RestyleStyle(
        name: "casual",
        instruction: RestyleStyle.formalityInstruction(level: 0.2),
        examples: [
            .init("We regret to inform you that the meeting has been postponed.", "Heads up, the meeting got pushed back."),
            .init("Please ensure that `node` is installed prior to proceeding.", "Just make sure `node`'s installed first."),
            .init("I would appreciate your feedback at your earliest convenience.", "Let me know what you think when you can."),
            .init("The server will be restarted at 18:00 in order to apply the update.",
                  "Heads up, we're restarting the server at 18:00 to get the update in."),
        ],
        measure: .formality, level: 0.2)

    public static let polite = RestyleStyle(
        name: "polite",
        instruction: "Rewrite the text so it is polite and courteous. Keep every fact.",
        examples: [
            .init("Send me the logs.", "Could you please send me the logs?"),
            .init("You forgot to tag v1.2.", "I think v1.2 may still need a tag, if you have a moment."),
            .init("This is wrong, fix it.", "I believe this is not quite right; would you mind fixing it?"),
        ],
        measure: .politeness)

    public static let concise = RestyleStyle(
        name: "concise",
        instruction: "Rewrite the text with fewer words. Keep every fact.",
        examples: [
            .init("In order to run the tests, you will need to make sure that `pytest` is installed.", "To run the tests, install `pytest`."),
            .init("At this point in time we are not able to provide an estimate.", "We cannot estimate yet."),
            .init("The reason why it failed is due to the fact that the disk was full.", "It failed because the disk was full."),
        ],
        measure: .brevity)

    public static let neutral = RestyleStyle(
        name: "neutral",
        instruction: "Rewrite the text without insults, profanity or hostility. Keep every fact.",
        examples: [
            .init("this idiot broke the build again", "This person broke the build again."),
            .init("what the hell is `utils.py` even for, it's garbage", "What is `utils.py` for? It does not work well."),
            .init("shut up and read the docs", "Please read the documentation."),
        ],
        measure: .inoffensiveness)

    public static let plain = RestyleStyle(
        name: "plain",
        instruction: "Rewrite the text in plain English: short sentences and simple, common words. Keep every fact.",
        examples: [
            .init("Prior to commencing installation, ascertain that sufficient disk capacity is available.",
                  "Before you install, check that you have enough disk space."),
            .init("The utilization of `ccache` facilitates expeditious compilation.", "Using `ccache` makes builds faster."),
            .init("Notwithstanding the aforementioned limitations, the tool remains serviceable.",
                  "The tool still works, despite these limits."),
        ],
        measure: .readability)

    public static let all: [RestyleStyle] = [formal, casual, polite, concise, neutral, plain]

    public static func named(_ name: String) -> RestyleStyle? { all.first { $0.name == name } }
}
