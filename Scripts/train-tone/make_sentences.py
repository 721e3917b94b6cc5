#!/usr/bin/env python3
"""Writes Tenor's own tone sentence sets to data/tone/{train,dev,test}.jsonl.

    python3 Scripts/train-tone/make_sentences.py

Every template belongs to exactly one split (assigned by a seeded shuffle of the template list
within each kind), so the test sentences use phrasings the heads never saw in training; slot
fillers (groups, insult words, technical nouns) are shared. Each row:

    {"text": ..., "kind": ..., "labels": {"insult": 0/1, "profanity": 0/1, "hate": 0/1, "threat": 0/1}}

kinds: hate, threat, insult, profanity (flag), identity, dislike, counter, negation, technical (benign).
"""
import json
import os
import random

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "data", "tone")
SEED = 20261127

GROUPS = """women|men|Black people|white people|Asian people|Jews|Jewish people|Muslims|Christians|Hindus|Sikhs|
Buddhists|atheists|Catholics|immigrants|refugees|Mexicans|Latinos|gay men|lesbians|gay people|bisexual people|
trans people|transgender women|nonbinary people|disabled people|deaf people|blind people|autistic people|
wheelchair users|elderly people|old people|teenagers|Native Americans|Indigenous people|Arabs|Africans|
Nigerians|Chinese people|Indians|Pakistanis|Koreans|Filipinos|Irish people|Polish people|Roma|Romani people|
Somalis|Syrians|Ukrainians|Palestinians|Israelis|Latinas|migrants|single mothers|Mormons|Hispanic people|
Middle Eastern people|people with mental illness|people with Down syndrome""".replace("\n", "").split("|")

INSULTS = """idiot|moron|imbecile|loser|clown|dumbass|jerk|fool|halfwit|cretin|douchebag|asshole|dimwit|
numbskull|nitwit|dunce|buffoon|scumbag|creep|bastard|dipshit|twit|knucklehead|airhead|bonehead|
waste of space|piece of garbage|pathetic little worm|brainless troll|useless hack""".replace("\n", "").split("|")

# Obfuscated spellings a writer (or commenter) uses to dodge filters; mixed into insults and profanity.
OBFUSCATED_INSULTS = """idi0t|id1ot|m0ron|mor0n|l0ser|i d i o t|m o r o n|stoopid idiot|dumbas|a**hole|@sshole|
a$$hole|azzhole|idiiiot|moooron|lo$er|dumb4ss|retrd|b1tch|biatch|clownnn|d0uchebag|s c u m b a g|jerkk|
phuckwit|f*ckwit|sh1thead|dipsh1t|4sshole|morr0n""".replace("\n", "").split("|")

PROFANE = """fucking|fuckin|f*cking|freaking fucking|goddamn|damn|bloody|shitty|f***ing|fcking|fkn|sh*tty|
motherfucking|effing|friggin fucking""".replace("\n", "").split("|")

NAMES = "Alex|Sam|Jordan|Priya|Mohammed|Olga|Chen|Maria|Tom|Aisha|Lucas|Yuki|Fatima|Daniel|Sofia".split("|")

THINGS = """weather|traffic|Mondays|this printer|the new interface|cold coffee|this compiler|slow trains|
spreadsheets|the login page|this font|meetings before nine|the sound of leaf blowers|airport queues|
this keyboard|pop-up ads|tax forms|the wifi here|soggy fries|the final season|that song|jet lag|
wet socks|this build system|merge conflicts|flaky tests|the dentist|long commutes|autoplay videos|
this laptop battery""".replace("\n", "").split("|")

TECH_OBJECTS = """the process|the child process|the worker|the daemon|the container|the job|the thread|the query|
the transaction|the build|the session|the server|the pod|the task|the background job|the subprocess|
the request|the connection|the cron job|the render loop""".replace("\n", "").split("|")

# ---------------------------------------------------------------- templates per kind
# Lists are split by a seeded shuffle: roughly 55% train, 15% dev, 30% test templates.

HATE = [
    "{G} are vermin.", "{G} are animals and should be treated like animals.", "All {G} are criminals.",
    "{G} are a disease on this country.", "{G} are subhuman.", "{G} are parasites feeding on us.",
    "{G} breed like rats.", "Our country would be better without any {G}.", "{G} are too stupid to vote.",
    "Never trust {G}, they are all liars.", "{G} are a plague that needs to be wiped out.",
    "{G} don't deserve to live among decent people.", "Every single one of the {G} is a thief.",
    "{G} are filthy and disgusting.", "{G} should go back to where they came from.",
    "{G} are nothing but cockroaches.", "{G} ruin every neighbourhood they move into.",
    "I wish all {G} would just disappear.", "{G} are genetically inferior.", "{G} are less than human.",
    "{G} are a cancer on society.", "You can't trust {G} with anything, they're born liars.",
    "{G} are dirty animals.", "Keep {G} out, they are nothing but trouble.", "{G} are lazy leeches.",
    "{G} are a sickness spreading through our towns.", "{G} are worthless trash.",
    "{G} should not be allowed to have children.", "{G} are freaks of nature.",
    "{G} are all terrorists.", "{G} are savages.", "Honestly, {G} are the scum of the earth.",
    "The world would be cleaner without {G}.", "{G} are an infestation.", "{G} have no place in a civilised country.",
    "{G} are mentally defective, every one of them.", "I hate {G}, they are disgusting.",
    "{G} are a stain on humanity.", "Typical {G}, always begging and stealing.", "{G} are useless degenerates.",
    "{G} are pigs.", "{G} need to be kept in cages.", "{G} are born evil.", "Nobody wants {G} here, they are vile.",
    "{G} can't be civilised.", "{G} r vermin lol", "{G} are subhum4n trash.", "all {G} r dirty rats",
    "{G} are a virus.", "{G} are the reason everything is falling apart, they are scum.",
    "{G} are not people, they are animals.", "{G} deserve to suffer.", "{G} are inbred idiots.",
    "{G} are like a swarm of locusts.", "{G} are dogs and should be kicked out.",
    "{G} multiply like cockroaches.", "{G} should be locked up like the animals they are.", "{G} ought to suffer for existing.",
    "{G} are a horde of insects.", "{G} have no right to live next to normal people.", "Send every one of the {G} back where they belong.",
    "{G} are rats crawling through our cities.", "{G} are a pest that must be controlled.", "No {G} should ever be allowed near children.",
    "{G} are disgusting creatures.", "{G} are a burden that drags everyone down, the leeches.", "I despise {G}, every last one.",
    "{G} are liars and cheats by nature.", "Ban all {G} from public life.", "{G} are hardly human.", "Ship the {G} out of our country.",
    "{G} are a pack of wild dogs.", "{G} belong in a zoo.", "{G} are vile and should be shunned.", "{G} stink.",
    "Only a fool would hire {G}, they are thieves.", "{G} are an invasive species.", "{G} are a blight on this town.",
    "{G} should be banned from voting.", "Deport every last one of the {G}.", "{G} are inferior in every way.",
    "{G} are a festering wound in our society.", "{G} are mongrels.", "{G} have the brains of apes.", "Filthy {G} everywhere.",
]

THREAT = [
    "I will kill you.", "I'm going to find where you live and hurt you.", "You'd better watch your back.",
    "I'll break your legs if you post that again.", "We will burn your house down.",
    "You will regret this when I find you.", "Keep talking and see what happens to you.",
    "I'm going to beat the crap out of you.", "I know where your kids go to school.",
    "One more word and I'll put you in the hospital.", "I will end you.", "You're dead when I see you.",
    "I'm coming for you tonight.", "Someone should put a bullet in {N}.", "I will make you bleed.",
    "We should shoot every one of the {G} we see.", "Let's hang {G} from the lampposts.",
    "I hope someone stabs you.", "I'll slit your throat.", "Sleep with one eye open, {N}.",
    "I'm going to smash your face in.", "You won't live to see next week.", "I will hunt you down.",
    "Say that again and I'll kill you.", "I'll strangle you with my bare hands.", "Watch out, I know your address.",
    "We're going to make you disappear.", "I swear I will hurt your family.", "Meet me outside and I'll wreck you.",
    "I'll k1ll you.", "i will kil u", "Ur dead meat.", "I'm gonna shoot you.", "I'll burn you alive.",
    "{G} should all be shot.", "Round up the {G} and gas them.", "I will rape you.", "I'll cut you.",
    "Next time I see you I'm going to break your jaw.", "You'll be found in a ditch.", "I'll put you six feet under.",
    "Your house will burn tonight.", "We will come for you and your friends.", "I'm going to stab you, {N}.",
    "Don't make me come over there and kill you.", "Keep it up and you'll end up in a body bag.",
    "I'll make sure you never walk again.", "Watch yourself, {N}, accidents happen.", "You and your family will pay for this.",
    "I'm going to wait outside your office and hurt you.", "If I see you again I'll bash your head in.", "I will poison your dog.",
    "Let's lynch the {G}.", "Someone needs to beat the {G} until they leave.", "I'll drown you in the lake.", "Count your days, {N}.",
    "We'll torch the {G}'s shops tonight.", "You'll get what's coming to you, I promise.", "I'll set your car on fire.",
]

INSULT = [
    "You are a {I}.", "You're such a pathetic {I}.", "Only a {I} like you would write this.", "Shut up, you {I}.",
    "Nobody cares what you think, you {I}.", "You're a complete {I}.", "What a {I} you are.",
    "Honestly, you are the biggest {I} I've ever met.", "Get lost, {I}.", "Listen here, you {I}.",
    "You absolute {I}.", "Are you really this much of a {I}?", "You {P} {I}.", "Stop posting, you {I}.",
    "{N}, you are a {I}.", "Go away, {I}.", "You're a {P} {I}, you know that?", "Typical {I} comment.",
    "You are too stupid to understand this.", "Your brain is smaller than a peanut.",
    "What a worthless piece of garbage you are.", "You have the IQ of a rock.", "You're ugly and stupid.",
    "Nobody likes you, you're disgusting.", "You're a joke and everyone laughs at you.",
    "Your writing is as pathetic as you are.", "You are dumb as a brick.", "You're a brainless waste of oxygen.",
    "Only an idiot would believe what you wrote.", "Do everyone a favour and stop talking, you {I}.",
    "You're so dumb it hurts.", "How can anyone be as stupid as you?", "You are a disgrace, you {I}.",
    "u r a {I}", "ur such a {I}", "you're a {I} lmao", "The author of this post is a complete {I}.",
    "{N} is a {I}.", "{N} is a {P} {I}.", "The guy who wrote this is a {I}.", "Whoever designed this is a total {I}.",
    "Anyone who agrees with you is a {I}.", "You're pathetic.", "You stupid, ignorant fool.",
    "Your mother must be ashamed of you.", "You're a failure at everything.", "Go back to school, {I}.",
    "Are you brain dead?", "You're a spineless coward.", "You are so fat and lazy.",
]

PROFANITY = [
    "This {P} build failed again.", "Shit, I forgot to save the file.", "What the hell is this damn error?",
    "Holy shit, that actually worked.", "The {P} printer jammed again.", "Fuck, the tests are red.",
    "This is {P} ridiculous.", "Damn it, the train is late.", "Where the fuck did I put my keys?",
    "That was a {P} brilliant talk.", "Oh shit, the deadline is tomorrow.", "This {P} weather is ruining my weekend.",
    "What a shitty day.", "Bullshit, that number can't be right.", "The {P} wifi keeps dropping.",
    "I'm so fucking tired.", "Fuck this traffic.", "Well, shit happens.", "This code is a {P} mess.",
    "Sh!t, I missed the bus.", "f*ck, it crashed again", "fuuuck, the coffee is cold", "wtf is this {P} layout",
    "Screw it, I'm going home.", "Goddamn, that was close.", "Crap, I spilled my tea.", "My {P} phone died.",
    "Hell yeah, we shipped it.", "That movie was {P} amazing.", "Why is this {P} form so long?",
]

IDENTITY = [
    "{G} have lived in this city for generations.", "The survey interviewed three hundred {G}.",
    "Many {G} work in healthcare.", "The festival celebrates the culture of {G}.",
    "Our team includes {G} and their allies.", "{G} are welcome at every meetup.",
    "The museum has an exhibit on the history of {G}.", "She wrote a book about {G} in the 1920s.",
    "Research shows {G} face barriers in hiring.", "The report counts how many {G} own a small business.",
    "The podcast features interviews with {G}.", "Several {G} joined the city council last year.",
    "The clinic offers services designed with {G}.", "The guide was reviewed by {G} before publication.",
    "We asked {G} what they needed from the library.", "{G} made up a fifth of the respondents.",
    "The scholarship supports {G} studying engineering.", "{G} have contributed a great deal to science.",
    "My neighbours are {G}, and they throw the best parties.", "The documentary follows three {G} through college.",
    "The law protects {G} from discrimination at work.", "{G} are part of every community.",
    "The mentoring programme pairs {G} with senior engineers.", "The choir was founded by {G}.",
    "The census data shows where {G} live.", "Policies should be written together with {G}.",
    "{G} deserve the same respect as everyone else.", "The exhibition honours {G} who served as nurses.",
    "Historians have studied how {G} organised in the 1960s.", "The article profiles {G} running local farms.",
    "I grew up among {G} and learned a lot.", "The conference invited {G} to speak on the opening panel.",
    "Support groups for {G} meet every Tuesday.", "{G} are often underrepresented in textbooks.",
    "The novel's heroine is one of the {G} in a small town.", "The study compared health outcomes for {G}.",
    "Our style guide explains how to write respectfully about {G}.", "The charity was started by {G}.",
    "Hiring managers should not make assumptions about {G}.", "The city's oldest bakery is run by {G}.",
    "{G} have the right to vote like anyone else.", "The oral history project records the stories of {G}.",
    "Some {G} prefer different terms, so ask.", "I admire the {G} who organised the food drive.",
    "The magazine's editor interviewed {G} about their careers.", "{G} and their families attended the ceremony.",
    "The grant funds housing for {G}.", "We hired two {G} as interns this summer.",
    "The curriculum now covers the history of {G}.", "As one of the {G} in tech, she mentors others.",
    "The photographs show {G} at work in the 1950s.", "Polling suggests {G} care most about housing.",
    "The team lead is proud to support {G}.", "The hospital translated its forms for {G}.",
    "Many {G} live in the northern districts.", "{G} are doctors, teachers, engineers and artists.",
    "The panel discussed stereotypes about {G} and why they are wrong.", "Being one of the {G} is part of who I am.",
    "The app was tested with {G} to improve accessibility.", "The festival's headliners were {G}.",
]

DISLIKE = [
    "I hate {T}.", "I can't stand {T}.", "{T} is the worst.", "I despise {T}.", "Honestly, {T} drives me crazy.",
    "I really hate {T} today.", "Nothing annoys me more than {T}.", "{T} is killing me.", "I loathe {T}.",
    "Ugh, {T} again.", "I'm sick of {T}.", "{T} is absolutely terrible.", "I have always hated {T}.",
    "{T} is the bane of my existence.", "I would happily never see {T} again.", "{T} makes me want to scream.",
    "This stupid printer ate my report.", "The dumb app logged me out again.", "What an idiotic design for a door.",
    "This ridiculous form wants my fax number.", "The plot of that film was moronic.", "That was a disgusting sandwich.",
    "I hate it when the bus is late.", "I hate losing at chess.", "The hotel room was filthy.",
    "{T} is a nightmare.", "{T} is garbage.", "Who designed {T}? It's awful.", "I detest {T}.", "{T} is pure torture.",
]

COUNTER = [
    "When someone writes 'you people are idiots', we remove the comment.",
    "Calling {G} 'vermin' is dehumanising, and we do not allow it.",
    "The report documents the slurs used against {G} online.",
    "Saying that {G} are criminals is a hateful stereotype.",
    "We condemn anyone who says {G} are subhuman.",
    "Moderators delete posts that call {G} animals.",
    "The phrase \"{G} are parasites\" is a classic example of dehumanising propaganda.",
    "If a user threatens to kill someone, report it immediately.",
    "Comments like \"you are a {I}\" violate our code of conduct.",
    "The study catalogued insults such as '{I}' in online forums.",
    "Historians trace how propaganda called {G} 'rats' before the violence began.",
    "Our policy bans threats such as \"I will find you\".",
    "He was fined for shouting that {G} should go home.",
    "The character in the novel calls his brother a {I}, and the narrator is horrified.",
    "Quoting a slur to condemn it is still painful for {G} to read.",
    "The moderator wrote: \"Calling people idiots is not allowed here.\"",
    "Don't tell {G} that they are lazy; it is false and it hurts.",
    "Hate speech like 'all {G} are terrorists' must be reported.",
    "The bot flags messages such as 'I will hurt you' for review.",
    "The article explains why calling {G} 'a plague' is dangerous.",
    "She reported the troll who called her a {I}.",
    "The court heard that the defendant had threatened to burn the house down.",
    "Phrases like 'go back where you came from' are harassment.",
    "We teach students to answer insults like '{I}' calmly.",
    "The museum shows posters that depicted {G} as vermin, as a warning.",
    "Rumours that {G} spread disease were used to justify persecution.",
    "The word '{I}' appears 14 times in the transcript.",
    "He apologised for calling his colleague an idiot.",
    "The filter caught a comment saying \"{G} are trash\" and hid it.",
    "Research on dehumanisation shows how calling {G} animals leads to violence.",
    "Please stop calling people morons in code review.",
    "In the film, the villain threatens to kill the mayor.",
    "The guideline forbids writing that {G} are inferior.",
    "Victims described being told 'you are worthless' every day.",
    "Anyone who calls {G} 'cockroaches' will be banned.",
    "The linguist studies why '{I}' became a common insult.",
    "A reader complained that the headline called {G} a burden.",
    "The training shows examples of threats, such as 'watch your back', so staff can spot them.",
    "The letter said the {G} were 'a disease', which shocked readers.", "Our moderators remove any comment that calls someone a {I}.",
    "The witness said the man shouted 'I will kill you' before running away.", "She was called a {I} online and reported it.",
    "The bill's opponents argued that calling {G} criminals is defamation.", "The essay analyses why people call {G} 'vermin'.",
    "Writing that {G} are inferior breaks the forum rules.", "The transcript quotes the threat: \"you're dead\".",
    "If someone tells you that {G} are animals, push back.", "Slurs against {G} appear in the leaked chat logs.",
    "Kids at school called him a {I}, and he never forgot it.", "The campaign counters the myth that {G} are lazy.",
]

NEGATION = [
    "{G} are not criminals.", "You are not an idiot for asking this question.", "Nobody here thinks you're stupid.",
    "I would never threaten anyone.", "It is false that {G} are lazy.", "I don't hate {G}; I work with many of them.",
    "{G} are not a threat to anyone.", "There is nothing wrong with being one of the {G}.",
    "No one should call you a {I}.", "You're not a failure; the test was hard.", "{G} are not inferior to anyone.",
    "I'm not going to hurt you.", "It is not true that {G} spread disease.", "Asking for help doesn't make you a {I}.",
    "{G} are not animals, they are our neighbours.", "Nobody is going to kill you over a typo.",
    "Don't worry, you are not dumb.", "We do not believe {G} are dangerous.", "You are no fool.",
    "Being {G} is not a crime.", "It's a myth that {G} are bad drivers.", "Nobody here wants to harm {G}.",
    "You aren't a loser just because the build failed.", "{G} are not the problem.",
    "I never said you were a {I}.", "Not all criticism is an insult.", "None of us thinks {G} are less capable.",
    "{G} are not parasites; they pay taxes like everyone.", "I'm not angry with you.", "You are not worthless.",
    "I don't think you're an idiot at all.", "{G} don't deserve hatred.", "Nobody deserves to be called a {I}.",
    "{G} aren't lazy; that stereotype is wrong.", "It's not okay to threaten people.", "You're not stupid, the docs are unclear.",
    "I will never call {G} names.", "{G} were never the enemy.", "No, {G} are not dangerous.", "Disagreeing with you doesn't make me your enemy.",
    "{G} should not be treated like criminals.", "There is no reason to hate {G}.", "I'm not saying you're wrong, just unclear.",
    "We would never hurt anyone.", "{G} are neither lazy nor dishonest.",
]

TECHNICAL = [
    "Kill {O} with SIGTERM before upgrading.", "Abort {O} if the lock times out.", "Execute the script as root only in the container.",
    "The attack surface grows with every open port.", "Use a dummy variable for each category in the regression.",
    "This is a quick hack to unblock the release.", "The server crashed with a fatal error.", "Add the IP address to the blacklist.",
    "Hit the endpoint with a POST request.", "Kill all child processes before exiting.", "The daemon executes jobs in parallel.",
    "Terminate {O} when the queue is empty.", "Nuke the cache directory and rebuild.", "The slave replica lags behind the master.",
    "A force push destroys the remote history.", "The garbage collector frees unreachable objects.",
    "The parent process reaps zombie children.", "Orphaned processes are adopted by init.", "Run the fork bomb only in a sandbox.",
    "We hammered the API with ten thousand requests.", "Penetration testing found a critical exploit in the login form.",
    "The watchdog kills {O} if it stops responding.", "Use kill -9 only as a last resort.", "fatal: not a git repository.",
    "The crash dump is written to /var/crash.", "Use a dummy node at the head of the linked list.", "The build hangs forever on the linker step.",
    "Shoot me a message when the deploy is done.", "The retry logic hammers the database.", "Blacklisted tokens are rejected at the gateway.",
    "Strip the binaries before shipping them.", "Execute the migration in a transaction.", "The exploit chain starts with a buffer overflow.",
    "Destroy the test database after each run.", "The OOM killer terminated {O}.", "Hack the config file to point at staging.",
    "Inject the dependency through the constructor.", "This function is a dirty hack, rewrite it later.", "Attackers can abuse the open redirect.",
    "Purge the queue before the next run.", "The test harness executes each case in isolation.", "Crash early, crash often.",
    "The thread deadlocks when both locks are taken.", "Trigger the pipeline manually from the dashboard.", "Kill switch: set FEATURE_X=0.",
    "The master process spawns eight workers.", "Whitelist and blacklist are now allowlist and denylist.", "Bombard the service with fuzzed input.",
    "The payload detonates only when the macro runs.", "Execute order 66 is a Star Wars reference in our test names.",
    "Run `make clean` to wipe the build directory.", "The heap overflow lets an attacker execute arbitrary code.",
    "The scheduler preempts {O} after 10 ms.", "Each worker dies after serving a thousand requests.", "Stop {O} gracefully, then kill it.",
    "The linter yells at unused imports.", "A dumb terminal cannot render colours.", "Terminate {O} on SIGINT.", "The brute-force attack tried a million passwords.",
    "Exploding gradients are clipped at 1.0.", "Dead code is removed by the compiler.", "The fatal flag stops the run at the first failure.",
    "Panic if the invariant is violated.", "Shoot the load balancer a health check every five seconds.", "We killed the feature after the beta.",
    "Kill the tmux session with Ctrl-b then x.", "The parser chokes on trailing commas.", "Throw an exception when the input is invalid.",
    "The hook aborts the commit if tests fail.", "Hit the cache first, then the database.", "The target machine executes untrusted bytecode.",
    "Mutate the array in place to save memory.", "Sanitize user input to prevent injection attacks.", "Force-kill {O} after a timeout of 30 seconds.",
    "The crash reporter uploads a minidump.", "Use a dummy implementation in unit tests.", "The child process is killed when its parent dies.",
    "A denial-of-service attack flooded the server.", "Disarm the alarm before the maintenance window.", "Spawn {O}, then wait for it to exit.",
    "The virus scanner quarantined the file.", "Cut the release branch on Friday.", "Execute the cells from top to bottom.",
    "The process was killed by signal 9.", "Fire the webhook when the order ships.", "The worker thread starves when the pool is full.",
    "The game lets players shoot targets in the arena.", "Abort trap: 6.", "The killer feature is offline sync.", "Attack of the clones is a fun talk on forking.",
    "Poison the cache entry so that it expires.", "This hack saves two allocations per call.", "Dereferencing a null pointer is fatal.",
]

KIND_LABELS = {
    "hate": {"hate": 1}, "threat": {"threat": 1}, "insult": {"insult": 1}, "profanity": {"profanity": 1},
    "identity": {}, "dislike": {}, "counter": {}, "negation": {}, "technical": {},
}
TEMPLATES = {"hate": HATE, "threat": THREAT, "insult": INSULT, "profanity": PROFANITY, "identity": IDENTITY,
             "dislike": DISLIKE, "counter": COUNTER, "negation": NEGATION, "technical": TECHNICAL}
# Sentences per template: enough volume without drowning the public data.
PER_TEMPLATE = {"hate": 8, "threat": 5, "insult": 8, "profanity": 5, "identity": 12, "dislike": 6, "counter": 5,
                "negation": 6, "technical": 12}

# Technical sentences vary by a lead-in, as documentation does.
TECH_LEADS = ["", "Note: ", "If needed, ", "In production, ", "On Linux, ", "For safety, ", "In CI, ", "Tip: ",
              "As the manual says, ", "During the incident, ", "Warning: ", "In step 3, ", "Remember: ", "By default, "]

PROFANE_WORDS = ("fuck", "shit", "damn", "hell", "crap", "bullshit", "goddamn", "bloody", "f*ck", "sh!t", "wtf", "screw")


def is_profane(text):
    t = text.lower()
    return any(w in t for w in ("fuck", "f*ck", "shit", "sh!t", "sh*t", "goddamn", "damn", "wtf", "fkn", "fcking",
                                "f***", "bullshit", "effing", "bastard", "dipshit", "asshole", "a**hole", "@sshole",
                                "a$$hole", "biatch", "b1tch", "sh1t"))


def fill(template, rng, obfuscate):
    def insult():
        return rng.choice(OBFUSCATED_INSULTS) if obfuscate and rng.random() < 0.5 else rng.choice(INSULTS)
    text = template
    for slot, make in (("{G}", lambda: rng.choice(GROUPS)), ("{I}", insult), ("{P}", lambda: rng.choice(PROFANE)),
                       ("{N}", lambda: rng.choice(NAMES)), ("{T}", lambda: rng.choice(THINGS)),
                       ("{O}", lambda: rng.choice(TECH_OBJECTS))):
        while slot in text:
            text = text.replace(slot, make(), 1)
    return text[0].upper() + text[1:] if text[0].islower() and rng.random() < 0.7 else text


def style(text, rng, kind):
    """Casual-writing variants: lower case, no final stop, shouting, letter spacing (flag kinds only)."""
    r = rng.random()
    if r < 0.15:
        text = text.lower()
    elif r < 0.22:
        text = text.rstrip(".")
    elif r < 0.26 and kind in ("hate", "threat", "insult", "profanity"):
        text = text.upper()
    return text


def main():
    rng = random.Random(SEED)
    rows = {"train": [], "dev": [], "test": []}
    for kind, templates in TEMPLATES.items():
        order = list(range(len(templates)))
        rng.shuffle(order)
        n = len(order)
        n_test, n_dev = round(n * 0.30), round(n * 0.15)
        split_of = {}
        for position, index in enumerate(order):
            split_of[index] = "test" if position < n_test else "dev" if position < n_test + n_dev else "train"
        for index, template in enumerate(templates):
            split = split_of[index]
            has_slot = "{" in template
            count = PER_TEMPLATE[kind] if has_slot or kind == "technical" else 2
            seen = set()
            for _ in range(count * 3):
                if len(seen) >= count:
                    break
                text = style(fill(template, rng, obfuscate=kind == "insult"), rng, kind)
                if kind == "technical":
                    lead = rng.choice(TECH_LEADS)
                    text = lead + (text[0].lower() + text[1:] if lead and not text[:2].isupper() else text)
                if text in seen:
                    continue
                seen.add(text)
                labels = {"insult": 0, "profanity": 0, "hate": 0, "threat": 0}
                labels.update(KIND_LABELS[kind])
                if kind == "threat" and "{G}" in template:
                    labels["hate"] = 1
                if kind in ("insult", "profanity", "hate", "threat") and is_profane(text):
                    labels["profanity"] = 1
                rows[split].append({"text": text, "kind": kind, "labels": labels, "template": f"{kind}/{index}"})
    os.makedirs(OUT, exist_ok=True)
    for split, items in rows.items():
        with open(os.path.join(OUT, f"{split}.jsonl"), "w") as f:
            for row in items:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        counts = {}
        for row in items:
            counts[row["kind"]] = counts.get(row["kind"], 0) + 1
        print(split, len(items), dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
