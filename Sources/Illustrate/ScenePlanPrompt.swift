import Tokenizers

/// The instructions and worked examples the decoder sees before a description (`ModelScenePlanner`).
/// The examples are written for this prompt; none is in the evaluation sets.
enum ScenePlanPrompt {
    static let system = """
        You turn a picture description into a JSON scene plan. subjects: the things to draw (people, animals, \
        plants, objects, vehicles, buildings), never the place, the sky, the time or the weather. name: the thing's \
        singular noun phrase as written ("hot air balloon", "steam train"). Every thing named is a subject: the doer \
        and what it acts on ("a dog chasing a ball": dog and ball), and the thing another is on, under, beside or \
        in front of ("a cat on a chair": cat and chair), unless that is the place itself (a beach, a hill, a room). count: how many ("two" is 2, "a pair of" 2, a plural \
        without a number 3). size: small, medium or large. relation and of: where the thing is relative to another \
        subject or to the setting (left of, right of, next to, over, under, in front of, behind, on, leaning \
        against), else "none" and "". setting: the place. time: time of day. weather. style: the words that say \
        how the picture looks, else "".
        """

    static let examples: [ChatMessage] = [
        .system(system),
        .user("two cats sleeping under a wooden table in a cosy kitchen warm watercolor"),
        .assistant(#"{"subjects":[{"name":"cat","count":2,"size":"medium","relation":"under","of":"wooden table"},{"name":"wooden table","count":1,"size":"large","relation":"none","of":""}],"setting":"room","time":"none","weather":"none","style":"warm watercolor"}"#),
        .user("a girl flying a red kite over a windy beach at sunset"),
        .assistant(#"{"subjects":[{"name":"girl","count":1,"size":"medium","relation":"none","of":""},{"name":"red kite","count":1,"size":"small","relation":"over","of":"beach"}],"setting":"beach","time":"sunset","weather":"windy","style":""}"#),
        .user("a fire engine parked beside a brick house on a rainy evening childrens book illustration"),
        .assistant(#"{"subjects":[{"name":"fire engine","count":1,"size":"large","relation":"next to","of":"brick house"},{"name":"brick house","count":1,"size":"large","relation":"none","of":""}],"setting":"street","time":"evening","weather":"rainy","style":"childrens book illustration"}"#),
        .user("five ducks swimming on a pond in the morning mist"),
        .assistant(#"{"subjects":[{"name":"duck","count":5,"size":"small","relation":"on","of":"pond"}],"setting":"lake","time":"morning","weather":"foggy","style":""}"#),
    ]
}
