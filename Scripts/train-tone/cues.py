"""Cue features appended to the sentence embedding. Sources/Tone/ToneCues.swift computes the same
values; Tests/ToneTests/Fixtures/cues.json (written by train.py) checks that the two agree.

Words are maximal runs of letters, digits and the apostrophes ' and ’ (apostrophes at either end dropped),
lower-cased; only ASCII letters are folded, so the Swift side can do exactly the same.
"""

NEGATIONS = {"not", "no", "never", "nobody", "none", "nothing", "neither", "nor", "cannot", "without",
             "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't",
             "can't", "couldn't", "shouldn't", "ain't", "aren’t", "don’t", "doesn’t", "isn’t", "won’t", "can’t"}
SECOND_PERSON = {"you", "your", "yours", "yourself", "yourselves", "you're", "you’re", "you've", "you'll",
                 "you'd", "u", "ur", "ya", "youre"}
# Words that talk *about* language or moderation: the mark of quotation and counter-speech.
METALINGUISTIC = {"says", "said", "say", "saying", "call", "calls", "called", "calling", "write", "writes", "wrote",
                  "written", "writing", "phrase", "phrases", "word", "words", "quote", "quoted", "quoting", "slur",
                  "slurs", "insult", "insults", "threat", "threats", "threatened", "threatens", "stereotype",
                  "stereotypes", "propaganda", "report", "reported", "condemn", "condemns", "ban", "bans", "banned",
                  "remove", "removed", "delete", "deletes", "flag", "flags", "flagged", "comment", "comments",
                  "post", "posts", "message", "messages", "example", "examples", "such", "like", "hate-speech",
                  "dehumanising", "dehumanizing", "harassment", "moderator", "moderators", "violate", "forbids"}
# Profane stems, compared after undoing common obfuscation (see `squeeze`), repeated letters collapsed.
PROFANE_PREFIXES = ("fuck", "fuk", "fck", "fkn", "phuck", "shit", "sht", "bulshit", "motherfuck", "godamn", "damn",
                    "bitch", "biatch", "ashole", "ahole", "dipshit", "wtf", "bastard", "cunt", "twat", "wank", "efing")
LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
QUOTE_MARKS = set('"“”«»‘„')

# Words that mark a claim as false or condemned: the stance of counter-speech ("the myth that ...",
# "... is a bigoted lie").
DISAVOWALS = {"myth", "myths", "false", "untrue", "debunked", "lie", "lies", "wrong", "claim", "claims", "claimed",
              "claiming", "rumour", "rumours", "rumor", "rumors", "bigoted", "bigotry", "racist", "racism", "sexist",
              "hateful", "prejudice", "offensive", "unacceptable", "stereotype", "stereotypes", "nonsense",
              "misinformation", "smear", "condemned", "denounce", "denounced", "forbidden", "banned"}
# Auxiliaries and copulas: "not"/"never" right after one negates the predicate ("X are not Y", "I will
# never hurt"), unlike a negative subject ("nobody likes you"), which leaves the predicate standing.
AUXILIARIES = {"is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "will", "would", "should",
               "could", "can", "may", "might", "must", "shall", "i'm", "you're", "we're", "they're", "it's",
               "he's", "she's", "i’m", "you’re", "we’re", "they’re", "it’s", "ll", "'ll", "re", "m"}

# The shipped head reads the first SHIPPED features (Sources/Tone/ToneCues.swift computes those). The last
# three are an experiment (`train.py --cues 8`): they lowered the dev catch rate, so they are not shipped.
NAMES = ["quoted", "negated", "second_person", "metalinguistic", "profane",
         "quoted_share", "negated_predicate", "disavowal"]
SHIPPED = 5


def is_word_char(c):
    return c.isascii() and c.isalnum() or (not c.isascii() and c.isalpha())


def words(text):
    out, current = [], []
    for c in text:
        if is_word_char(c) or c in "'’":
            current.append(c)
        else:
            if current:
                out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    result = []
    for w in out:
        w = w.strip("'’")
        if w:
            result.append("".join(ch.lower() if ch.isascii() else ch for ch in w))
    return result


def squeeze(token):
    """Lower-case, undo leetspeak, keep ASCII letters, collapse repeated letters: 'Fuuu*ck' -> 'fuck'."""
    letters = []
    for c in token:
        c = LEET.get(c, c)
        if c.isascii() and c.isalpha():
            c = c.lower()
            if not letters or letters[-1] != c:
                letters.append(c)
    return "".join(letters)


def spaced_out_words(text):
    """Joins runs of single-character tokens ('f u c k') so obfuscation by spacing is seen as one word."""
    tokens = text.split()
    joined, run = [], []
    for t in tokens:
        if len(t) == 1:
            run.append(t)
        else:
            if len(run) >= 3:
                joined.append("".join(run))
            run = []
            joined.append(t)
    if len(run) >= 3:
        joined.append("".join(run))
    return joined


def is_profane(text):
    for token in spaced_out_words(text):
        s = squeeze(token)
        if s and any(s.startswith(p) for p in PROFANE_PREFIXES):
            return True
    return False


def is_quoted(text):
    previous = " "
    for c in text:
        if c in QUOTE_MARKS:
            return True
        if c == "'" and not is_word_char(previous):
            return True
        previous = c
    return False


QUOTE_OPEN = {'"': '"', "“": "”", "„": "“", "«": "»", "‘": "’", "'": "'"}


def quoted_share(text):
    """Share of the words that lie inside a quotation: a span from an opening mark (" “ „ « ‘, or ' after
    a non-word character) to its closing mark (' and ’ close only before a non-word character, so
    apostrophes inside words do not). An unclosed quotation runs to the end of the sentence."""
    inside_words = total_words = 0
    closer = None
    in_word = False
    chars = list(text)
    for i, c in enumerate(chars):
        previous = chars[i - 1] if i > 0 else " "
        following = chars[i + 1] if i + 1 < len(chars) else " "
        if closer is None:
            if c in QUOTE_OPEN and (c not in "'‘" or not is_word_char(previous)):
                closer = QUOTE_OPEN[c]
                in_word = False
                continue
        elif c == closer and (c not in "'’" or not is_word_char(following)):
            closer = None
            in_word = False
            continue
        if is_word_char(c):
            if not in_word:
                total_words += 1
                if closer is not None:
                    inside_words += 1
            in_word = True
        elif c not in "'’":
            in_word = False
    return inside_words / total_words if total_words else 0.0


def negated_predicate(ws):
    for k, w in enumerate(ws):
        if w.endswith("n't") or w.endswith("n’t") or w == "cannot":
            return True
        if w in ("not", "never") and k > 0 and ws[k - 1] in AUXILIARIES:
            return True
    return False


def cue_features(text):
    ws = words(text)
    return [
        1.0 if is_quoted(text) else 0.0,
        1.0 if any(w in NEGATIONS or w.endswith("n't") or w.endswith("n’t") for w in ws) else 0.0,
        1.0 if any(w in SECOND_PERSON for w in ws) else 0.0,
        1.0 if any(w in METALINGUISTIC for w in ws) else 0.0,
        1.0 if is_profane(text) else 0.0,
        round(quoted_share(text), 6),
        1.0 if negated_predicate(ws) else 0.0,
        1.0 if any(w in DISAVOWALS for w in ws) else 0.0,
    ]
