#!/usr/bin/env python3
"""Writes a second set of Tenor's own tone sentences, written after the first set's test results were
known, to data/tone/extra-{train,dev}.jsonl:

    python3 Scripts/train-tone/make_extra.py

Why a second set: data/tone/test.jsonl is the held-out test set and must not steer training or the
choice of thresholds and settings. This set gives (a) more training sentences for the phenomena the
first set covers thinly (negation, quotation and reported speech, technical jargon, plain instructions,
a wider range of insults and threats) and (b) a development set in phrasings and topics of its own.

Templates here were written fresh, not copied or varied from make_sentences.py's; every template
belongs to one split (seeded shuffle per kind: about 65% train, 35% dev). A sentence that shares half
or more of its word bigrams with a test sentence (counted against the longer of the two) is dropped, so
neither split becomes a near copy of a test sentence by accident; the script prints how many.

Also generated, train split only: quotation frames around the first set's *train* hateful, threatening
and insulting sentences (reported, condemned or moderated speech, labelled benign), and the same for
the dev split with the first set's dev sentences and dev frames.

Rows have the same shape as make_sentences.py's, with `"set": "extra"`.
"""
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_sentences import GROUPS, INSULTS, OBFUSCATED_INSULTS, NAMES, THINGS, TECH_OBJECTS, is_profane  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "data", "tone")
SEED = 20261128

# Claims a hateful sentence makes about a group: used inside negations and counter-speech frames.
CLAIMS = """dangerous|lazy|stupid|dirty|violent|thieves|less intelligent than others|a burden on the state|
born criminals|a danger to children|unable to be trusted|bad at their jobs|a threat to our way of life|
carriers of disease|freeloaders|primitive|naturally aggressive|a drain on the economy|untrustworthy|
less human than the rest of us""".replace("\n", "").split("|")

WEAPONS = "knife|bat|gun|hammer|crowbar".split("|")

HATE = [
    "{G} are a drain on everything they touch.", "{G} are barely better than beasts.",
    "Get rid of the {G} before they take over.", "{G} should be stripped of their rights.",
    "{G} are repulsive, all of them.", "Nobody should rent a flat to {G}, they wreck everything.",
    "{G} are a menace to decent society.", "{G} are too primitive to understand democracy.",
    "{G} are sick in the head, the lot of them.", "{G} pollute our streets.", "We must cleanse this town of {G}.",
    "{G} are trash, plain and simple.", "Every one of those {G} is a crook.", "{G} are as dumb as farm animals.",
    "{G} crawl out of their holes at night.", "{G} are not fit to raise kids.",
    "Keep your daughters away from {G}, they are predators.", "The {G} are polluting our gene pool.",
    "Throw the {G} out of the country.", "{G} bring nothing but crime.", "{G} are a contagion.",
    "{G} are worth less than the rest of us.", "{G} r filth", "{G} = vermin", "I can't stand {G}, they're revolting.",
    "{G} should have been wiped off the map.", "{G} are inherently violent.", "{G} are a bunch of savage thugs.",
    "Don't hire {G}; they're dumb and lazy.", "{G} should be banned from owning property.",
    "{G} are lice on the body of the nation.", "{G} deserve nothing but contempt.", "{G} are the lowest form of life.",
    "Those {G} are a pack of rabid animals.", "{G} are grotesque creatures.", "Schools should refuse to admit {G}.",
    "{G} are cockroaches in human form.", "Who let the {G} in? They ruin everything.", "{G} smell like garbage.",
    "{G} are bottom feeders.", "{G} are nothing but leeches on society.", "Lock up every last one of the {G}.",
    "{G} are a curse on this land.", "Gas the {G}.", "{G} are dumber than dogs.", "{G} have no souls.",
    "{G} should be sterilised.", "{G} are rotten to the core.", "We don't serve {G} here, they're filth.",
    "The {G} are breeding us out of existence.",
]

THREAT = [
    "I'm going to make you pay for this in blood.", "Show your face here again and you'll get hurt.",
    "I'll find you, and you'll be sorry.", "You'll be lying in a hospital bed by Friday.",
    "I've got a {W} with your name on it.", "I'll snap your neck.", "Your family isn't safe anymore.",
    "I'll kick your teeth in.", "I'm standing outside your house right now.", "You have until tomorrow before I come for you.",
    "I'll beat you senseless.", "Post that again and you won't wake up.", "I'll put a bullet through your head.",
    "I will destroy you and everyone you love.", "We know your address, {N}. See you soon.",
    "You are going to get hurt, {N}.", "Keep your mouth shut or I'll shut it for you.", "I'll choke you until you pass out.",
    "{N}, I will find you and make you suffer.", "Let's go beat up some {G} tonight.", "We should burn the homes of the {G}.",
    "Kill all the {G}.", "i'm gonna hurt u", "ill murder u", "You're going to die slowly.",
    "Expect a visit from me, and bring a doctor.", "Somebody should run {N} over with a truck.",
    "I'll bring a {W} to your door.", "One day soon you'll feel my fist.", "You'd better sleep lightly from now on.",
    "I will shoot you on sight.", "Your kids will pay for what you did.", "I'm going to hurt you badly.",
    "Talk to me like that again and I'll end your life.", "We will drag the {G} out and beat them.",
    "I'll stab you the next time I see you.", "I'll make your life a living hell, then end it.",
    "Say goodbye to your family, {N}.", "i will find u and kill u", "You won't make it home tonight.",
]

INSULT = [
    "You're an embarrassment to everyone who knows you.", "What kind of {I} writes code like this?",
    "Hey {I}, read the manual.", "Seriously, are you a {I} or just pretending?", "Thanks for nothing, {I}.",
    "Even a toddler is smarter than you.", "Your opinions are as worthless as you are.", "You utter {I}.",
    "Nobody asked you, {I}.", "Quit whining, you {I}.", "{N} is such a {I}, honestly.", "You brain-dead {I}.",
    "Keep your stupid mouth shut.", "What an absolute {I} this reviewer is.", "Sit down, {I}.", "Learn to read, {I}.",
    "This reviewer is a clueless {I}.", "Your face makes people sick.", "You're a worthless, lazy slob.",
    "You're so dense it's painful.", "Ha, look at this {I}.", "Typical {I} move, {N}.", "Nobody could be dumber than you.",
    "you're a {I}, lol", "You useless {I}.", "Did your parents drop you on your head?", "You're an ignorant {I}.",
    "Your code is garbage and so are you.", "You're a sad, pathetic little {I}.", "Oh look, the {I} is back.",
    "Can someone ban this {I}?", "Whoever wrote this spec is an {I}.", "You think like a {I}.",
    "What a clueless {I}.", "Move aside, {I}.", "Honestly {N}, you're a {I}.", "You're a stupid {I} and everyone knows it.",
    "You people are morons.", "You are a repulsive human being.", "Are you this dumb in real life?",
    "You're too thick to get it.", "Your mum should have kept you at home, {I}.",
]

PROFANITY = [
    "This {P} laptop crashed again.", "What the hell is this {P} error?", "I'm so {P} tired today.",
    "Oh {X}, I forgot the meeting.", "{X}, the deploy failed again.", "That was a {P} brilliant talk.",
    "Where's the {P} charger?", "Holy {X}, the tests pass.", "The {P} bus never comes on time.",
    "{X}! I deleted the wrong branch.", "This {P} spreadsheet makes no sense.", "Well, {X}, that went badly.",
]
PROFANE_EXCLAMATIONS = "shit|fuck|damn|crap|f*ck|sh*t|fuuuck|goddammit|bullshit".split("|")
PROFANE_ADJECTIVES = "fucking|fking|shitty|goddamn|damn|f*cking|bloody fucking|frickin fucking".split("|")

IDENTITY = [
    "{G} make up about a fifth of the city's population.", "The mentoring scheme pairs {G} with local employers.",
    "Our survey asked {G} about their commute.", "Many {G} volunteered at the food bank this winter.",
    "The exhibition celebrates art made by {G}.", "A group of {G} opened a bakery downtown.",
    "The report describes the history of {G} in the region.", "{G} have the same rights as everyone else.",
    "The podcast interviews {G} about their careers.", "Support groups for {G} meet on Thursdays.",
    "We hired two {G} last spring, and both lead teams now.", "The library collects stories written by {G}.",
    "Figures on {G} in higher education are in table 3.", "The conference invited {G} to talk about accessibility.",
    "{G} are welcome in every part of this community.", "Some of my closest friends are {G}.",
    "{G} have shaped the local music scene.", "The clinic offers advice in several languages for {G}.",
    "The museum opened a new wing about {G}.", "Several {G} joined the chess club this year.",
    "The documentary follows three {G} through their first year at university.", "{G} vote in every election.",
    "The scholarship is open to {G} and anyone else who applies.", "The census counted more {G} than expected.",
    "Our team includes {G}, and the product is better for it.", "The choir sang songs written by {G}.",
    "The city council met with {G} to plan the new park.", "Research shows {G} face barriers in hiring.",
    "{G} deserve respect like anyone else.", "The novel's hero and her friends are {G}.",
]

DISLIKE = [
    "I really can't bear {T}.", "{T} ruined my afternoon.", "Why is {T} so awful?", "Honestly, {T} is the pits.",
    "My least favourite thing is {T}.", "I'm fed up with {T}.", "{T} is a disaster.", "God, I hate {T}.",
    "This dumb website keeps freezing.", "The stupid lid won't come off the jar.", "What an idiotic rule for a car park.",
    "{T} is rubbish.", "{T} can go to hell.", "I'd burn {T} if I could.",
]

# Reported speech, quotation and counter-speech: talk *about* hostile words, not hostile words.
COUNTER = [
    "The claim that {G} are {C} has been debunked many times.", "Claiming that {G} are {C} is bigoted and false.",
    "\"{G} are {C}\" is the kind of line we delete on sight.", "The old pamphlet claimed {G} were {C}; the museum shows it as a warning.",
    "According to the complaint, the manager called her a {I}.", "Nobody should ever tell {G} that they are {C}.",
    "Propaganda of the 1930s portrayed {G} as {C}.", "The survey asked whether people agree that {G} are {C}; most did not.",
    "Calling people stupid is not OK.", "Insults like '{I}' have no place in code review.",
    "Our filter flagged the word '{I}' in three comments.", "Telling someone \"I will hurt you\" is a crime in many countries.",
    "The textbook explains how the rumour that {G} were {C} spread.", "Stereotypes such as '{G} are {C}' do real harm.",
    "The speaker was booed for suggesting that {G} are {C}.", "The troll kept calling everyone a {I} until he was banned.",
    "In the play, the tyrant threatens to burn the village.", "The judge read out the threat: 'I know where your children sleep.'",
    "We received an email that said 'you will pay for this', and forwarded it to the police.",
    "The headline \"{G} are {C}\" led to a wave of complaints.", "The policy treats phrases like 'go die' as threats.",
    "My teacher told us never to call anyone a {I}.", "Her post answered the slur with facts about {G}.",
    "The chat log shows him calling {N} a {I}.", "The researchers labelled every message that called {G} {C}.",
    "A sign that reads '{G} not welcome' was removed by the council.", "Some commenters wrote that {G} are {C}; we deleted those comments.",
    "Fact check: no, {G} are not {C}.", "The novel's narrator recalls being called a {I} at school.",
    "Please don't write 'you idiot' in issue comments.", "Bullies called him a {I} for years.",
    "Our guide lists '{I}' among words to avoid in reviews.", "The rapper's lyric 'I'll shoot you down' was about a rival label.",
    "The report quotes one tweet: '{G} are {C}'.", "She told the court that he had said 'I will kill you' twice.",
    "Dehumanising talk, such as calling {G} {C}, is banned here.", "Why do people still believe {G} are {C}?",
]

NEGATION = [
    "I would never call you a {I}.", "{G} are not {C}.", "{G} are not {C}, whatever the tabloids say.",
    "It's wrong to say {G} are {C}.", "{G} never deserved the hatred they got.", "No one should hurt {G}.",
    "Nobody is threatening you.", "I didn't mean to insult you.", "I'm not calling you a {I}.",
    "You're no {I}; you just missed a step.", "Not a single one of the {G} I know is {C}.",
    "{G} aren't {C}, and the data shows it.", "There's no evidence that {G} are {C}.", "We will not harm anyone.",
    "You won't get hurt here.", "None of the {G} in my class are {C}.", "It is simply untrue that {G} are {C}.",
    "I'd never wish harm on {G}.", "Nobody in this team would threaten a colleague.", "No, you are not a {I}.",
    "You're not dumb for missing that.", "Making a mistake doesn't make anyone a {I}.", "{G} are in no way {C}.",
    "{G} have never been {C}.", "I do not think {G} are {C}.", "Being one of the {G} doesn't make anyone {C}.",
    "Nobody wants to kill you; we just want the report by Friday.", "Let's not call each other names.",
    "We don't think you're stupid.", "I'm not threatening you, I'm asking you to stop.",
]

TECHNICAL = [
    "Send SIGKILL to {O} if it ignores SIGTERM.", "The supervisor restarts {O} when it dies.",
    "Abort the rebase and start over.", "Execute `npm test` before pushing.", "Destroy the VM when the benchmark finishes.",
    "The request hangs until the upstream times out.", "Reduce the attack surface by disabling unused services.",
    "The master branch was renamed to main.", "Each slave node reports to the master every second.",
    "Blacklist the noisy logger in the config.", "Fill the form with dummy data for the demo.",
    "A zip bomb can exhaust the disk.", "The logic bomb was found in the payroll script.",
    "Terminate {O} cleanly and free its memory.", "Let the orphaned thread die on its own.",
    "The compiler hangs on deeply recursive templates.", "Kill the port forward when you're done.",
    "Execute the payload only in a sandboxed VM.", "The fuzzer found a crash in the parser.",
    "Shoot a quick note to the on-call engineer.", "Drop the table and recreate it.",
    "Punch a hole in the firewall for port 443.", "Hammer the endpoint with a load test before launch.",
    "This loop murders performance on large inputs.", "Nuke node_modules and reinstall.",
    "Use the strangler pattern to choke off the legacy API.", "The build dies with exit code 137.",
    "Trap SIGINT and clean up before exiting.", "The canary dies first, so watch its metrics.",
    "Throttle the crawler before it hammers the site.", "Spin up a dummy server for integration tests.",
    "The dead letter queue collects failed messages.", "A hard reset wipes every local change.",
    "The worker panics on malformed input.", "Fire and forget: the call returns immediately.",
    "The victim process is chosen by its OOM score.", "Execute the handler, then tear down the context.",
    "Force quit the app if it hangs.", "Kill {O} and its whole process group.", "The job was aborted by the scheduler.",
    "Execution stops at the first breakpoint.", "The attacker needs local access to exploit this bug.",
    "Master and slave are being replaced by primary and replica.", "Add the domain to the DNS blacklist.",
    "The dummy argument is ignored.", "Bomb out early if the config file is missing.", "Headless browsers die silently on OOM.",
    "The ssh session hangs after the VPN drops.", "Destroy the object before freeing the arena.",
    "A race condition kills throughput under load.", "Kill the dev server with Ctrl-C.",
    "The exploit targets an unpatched kernel.", "The script executes every hook in order.",
    "Set the timeout so hung requests are aborted.", "The cluster shoots unhealthy nodes in the head (STONITH).",
    "The decoder chokes on truncated frames.", "Our threat model assumes the network is hostile.",
    "The beam search kills weak hypotheses early.", "Wipe the disk before returning the laptop.",
    "Rip out the old logging code.", "Detonate the test charge only in the blast chamber.",
]

# Plain instructions and descriptions of the kind found in READMEs and manuals.
INSTRUCTION = [
    "Keep the original file next to the copy.", "Leave the config where it is.", "Put the two files side by side.",
    "Hold the button for three seconds.", "Keep this line; the parser needs it.", "Store the key somewhere safe.",
    "Keep both versions here on purpose.", "Leave the duplicate word in the example on purpose.",
    "Place the pair of brackets around the name.", "Keep the old name for one more release.",
    "Stay on this page until the upload finishes.", "Watch the log while the test runs.",
    "Hold on to the receipt until the refund arrives.", "Keep an eye on memory while it runs.",
    "Take the second exit at the roundabout.", "Leave a blank line between paragraphs.",
    "The example repeats the word on purpose.", "Mind the gap between the train and the platform.",
    "Don't touch the generated files.", "Never commit the secrets file.", "You will see the result in the sidebar.",
    "You can find the settings under Preferences.", "Your changes are saved when you close the window.",
    "We keep the pair of files together.", "Keep your hands inside the vehicle.", "Save your work before you leave.",
    "Pick the closest match from the list.", "Wait here until your name is called.", "Follow the arrows to the exit.",
    "Cut the paper along the dotted line.",
]

# Everyday senses of violent verbs (cooking, household, sport, work, idiom): benign, like the jargon above.
EVERYDAY = [
    "Whisk the cream, then fold it into the batter.", "Crush two cloves of garlic for the sauce.",
    "Punch down the dough after the first rise.", "Take a stab at the crossword before lunch.",
    "We killed an hour at the museum before dinner.", "She absolutely slayed her presentation.",
    "The band murdered that cover song, in the best way.", "Let's attack the backlog first thing tomorrow.",
    "Fire up the grill around six.", "He bombed the audition but got a callback anyway.",
    "The striker shot from thirty metres and scored.", "Our team got crushed in the semifinal.",
    "The goalkeeper choked in the penalty shootout.", "Don't drown the pasta in sauce.",
    "Reporters sometimes bury the lede.", "We'll execute the plan once the budget is approved.",
    "They shot the film in twelve days.", "Hang the laundry outside if it's sunny.",
    "Knock out the easy tickets before the sprint review.", "Hit reply and add the minutes.",
    "Pound the chicken breasts until they're thin.", "Beat the traffic by leaving before seven.",
    "That comedian kills every night.", "Smash the ice into small pieces for the drinks.",
    "Tear the basil leaves instead of chopping them.", "Cut the cake into twelve pieces.",
    "We need to nail the opening paragraph.", "The new feature is a real knockout.",
    "Toss the salad just before serving.", "Shoot the photos in the morning light.",
    "Grill the peppers until the skins blacken.", "Blast the music while you clean.",
    "Strangle the noise with a thicker curtain.", "Throw the ball to the dog again.",
    "Kick off the meeting with a quick round of updates.", "The heat is killing my tomato plants.",
]

TEMPLATES = {"hate": HATE, "threat": THREAT, "insult": INSULT, "profanity": PROFANITY, "identity": IDENTITY,
             "dislike": DISLIKE, "counter": COUNTER, "negation": NEGATION, "technical": TECHNICAL,
             "instruction": INSTRUCTION, "everyday": EVERYDAY}
PER_TEMPLATE = {"hate": 6, "threat": 4, "insult": 6, "profanity": 4, "identity": 8, "dislike": 4, "counter": 6,
                "negation": 6, "technical": 6, "instruction": 3, "everyday": 3}
KIND_LABELS = {"hate": {"hate": 1}, "threat": {"threat": 1}, "insult": {"insult": 1}, "profanity": {"profanity": 1}}

TECH_LEADS = ["", "Note: ", "In the staging cluster, ", "Before a release, ", "On macOS, ", "Per the runbook, ",
              "In the test suite, ", "FYI: ", "Step 2: ", "Important: ", "As a rule, ", "In our setup, "]

# Frames that report, quote or condemn someone else's words: {S} is a hostile sentence from the first set.
QUOTE_FRAMES = [
    "Someone commented \"{S}\" and we removed it.", "The moderator hid a reply that said '{S}'",
    "\"{S}\" is an example of what our code of conduct forbids.", "He was suspended for writing \"{S}\"",
    "The report lists messages such as \"{S}\"", "Users flagged the comment \"{S}\" within minutes.",
    "Never reply to \"{S}\" with more abuse.", "The trolls wrote \"{S}\" under every photo, and all of it was deleted.",
    "The screenshot shows a message saying \"{S}\"", "A sentence like \"{S}\" gets an automatic ban.",
    "In the transcript, the defendant says: \"{S}\"", "The filter catches posts like \"{S}\" before anyone sees them.",
    "She quoted the abuse she received, \"{S}\", in her talk.", "Our classifier should warn on \"{S}\".",
]


def fill(template, rng):
    def insult():
        return rng.choice(OBFUSCATED_INSULTS) if rng.random() < 0.3 else rng.choice(INSULTS)
    text = template
    for slot, make in (("{G}", lambda: rng.choice(GROUPS)), ("{I}", insult), ("{N}", lambda: rng.choice(NAMES)),
                       ("{T}", lambda: rng.choice(THINGS)), ("{O}", lambda: rng.choice(TECH_OBJECTS)),
                       ("{C}", lambda: rng.choice(CLAIMS)), ("{W}", lambda: rng.choice(WEAPONS)),
                       ("{P}", lambda: rng.choice(PROFANE_ADJECTIVES)), ("{X}", lambda: rng.choice(PROFANE_EXCLAMATIONS))):
        while slot in text:
            text = text.replace(slot, make(), 1)
    return text[0].upper() + text[1:] if text[0].islower() and rng.random() < 0.7 else text


def style(text, rng, kind):
    r = rng.random()
    if r < 0.12:
        text = text.lower()
    elif r < 0.2:
        text = text.rstrip(".")
    elif r < 0.24 and kind in ("hate", "threat", "insult", "profanity"):
        text = text.upper()
    return text


def bigrams(text):
    ws = re.findall(r"[a-z0-9']+", text.lower())
    return {(a, b) for a, b in zip(ws, ws[1:])} or {(w, "") for w in ws}


class TestOverlap:
    """Flags sentences whose word bigrams are half or more shared with one test sentence."""

    def __init__(self):
        self.tests = []
        path = os.path.join(OUT, "test.jsonl")
        with open(path) as f:
            for line in f:
                self.tests.append(bigrams(json.loads(line)["text"]))
        self.index = {}
        for k, b in enumerate(self.tests):
            for g in b:
                self.index.setdefault(g, set()).add(k)

    def too_close(self, text):
        mine = bigrams(text)
        counts = {}
        for g in mine:
            for k in self.index.get(g, ()):
                counts[k] = counts.get(k, 0) + 1
        return any(c / max(len(mine), len(self.tests[k])) >= 0.5 for k, c in counts.items())


def first_set(split, kinds):
    with open(os.path.join(OUT, f"{split}.jsonl")) as f:
        return [json.loads(line)["text"] for line in f if json.loads(line)["kind"] in kinds]


def main():
    rng = random.Random(SEED)
    overlap = TestOverlap()
    rows = {"train": [], "dev": []}
    dropped = 0
    for kind, templates in TEMPLATES.items():
        order = list(range(len(templates)))
        rng.shuffle(order)
        n_dev = round(len(order) * 0.35)
        split_of = {index: "dev" if position < n_dev else "train" for position, index in enumerate(order)}
        for index, template in enumerate(templates):
            split = split_of[index]
            count = PER_TEMPLATE[kind] if "{" in template or kind == "technical" else 2
            seen = set()
            for _ in range(count * 4):
                if len(seen) >= count:
                    break
                text = style(fill(template, rng), rng, kind)
                if kind == "technical":
                    lead = rng.choice(TECH_LEADS)
                    text = lead + (text[0].lower() + text[1:] if lead and not text[:2].isupper() else text)
                if text in seen:
                    continue
                seen.add(text)
                if overlap.too_close(text):
                    dropped += 1
                    continue
                labels = {"insult": 0, "profanity": 0, "hate": 0, "threat": 0}
                labels.update(KIND_LABELS.get(kind, {}))
                if kind == "threat" and "{G}" in template:
                    labels["hate"] = 1
                if is_profane(text):  # the word is there, whoever says it (profanity is information only)
                    labels["profanity"] = 1
                rows[split].append({"text": text, "kind": kind, "labels": labels, "template": f"extra-{kind}/{index}",
                                    "set": "extra"})
    # Quotation frames around the first set's hostile sentences: train frames × train sentences,
    # dev frames × dev sentences (the first set's test sentences are never used).
    order = list(range(len(QUOTE_FRAMES)))
    rng.shuffle(order)
    n_dev = round(len(order) * 0.35)
    frames = {"dev": [QUOTE_FRAMES[i] for i in order[:n_dev]], "train": [QUOTE_FRAMES[i] for i in order[n_dev:]]}
    for split, count in (("train", 240), ("dev", 80)):
        hostile = first_set(split, ("hate", "threat", "insult"))
        for _ in range(count):
            frame = rng.choice(frames[split])
            inner = rng.choice(hostile).rstrip(".!?")
            text = frame.replace("{S}", inner)
            text = text if text[-1] in ".!?\"'" else text + "."
            if overlap.too_close(text):
                dropped += 1
                continue
            labels = {"insult": 0, "profanity": 1 if is_profane(text) else 0, "hate": 0, "threat": 0}
            rows[split].append({"text": text, "kind": "quoted", "labels": labels,
                                "template": f"extra-quoted/{QUOTE_FRAMES.index(frame)}", "set": "extra"})
    for split, items in rows.items():
        unique = {}
        for row in items:
            unique.setdefault(row["text"], row)
        with open(os.path.join(OUT, f"extra-{split}.jsonl"), "w") as f:
            for row in unique.values():
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        counts = {}
        for row in unique.values():
            counts[row["kind"]] = counts.get(row["kind"], 0) + 1
        print(split, len(unique), dict(sorted(counts.items())))
    print("dropped as too close to a test sentence:", dropped)


if __name__ == "__main__":
    main()
