#!/usr/bin/env python3
"""Reference token ids for the byte-level BPE tokenizer tests.

Tokenizes ~1,200 varied strings with llama.cpp's own tokenizer (through llama-cpp-python,
vocab only) for the SmolLM2 GGUF, with and without special-token parsing, and writes
Tests/TokenizersTests/Fixtures/bpe/smollm2_reference.json:

    {"model": ..., "pre": ..., "cases": [{"text": s, "ids": [...], "special_ids": [...] | null}]}

`special_ids` is null when parsing special tokens gives the same ids as not parsing them.

It also renders a few conversations with the model's own Jinja chat template (jinja2, as
transformers does) into Tests/TokenizersTests/Fixtures/bpe/smollm2_chat_reference.json.
Run once (after Scripts/reference/build_llama_cpp.sh):

    python3 Scripts/reference/bpe_reference.py [path/to/SmolLM2-135M-Instruct.Q4_1.gguf]
"""
import json
import os
import random
import sys
import unicodedata

import llama_cpp

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODELS = os.environ.get("TENOR_MODELS_DIR", os.path.expanduser("~/.local/share/tenor/models"))
DEFAULT_MODEL = os.path.join(MODELS, "smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")
FIXTURES = os.path.join(ROOT, "Tests", "TokenizersTests", "Fixtures", "bpe")
OUTPUT = os.path.join(FIXTURES, "smollm2_reference.json")
CHAT_OUTPUT = os.path.join(FIXTURES, "smollm2_chat_reference.json")

CONVERSATIONS = [
    [{"role": "user", "content": "Hi"}],
    [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Fix: 'teh cat'"}],
    [{"role": "user", "content": "Rewrite this:\n\nIt was raining."},
     {"role": "assistant", "content": "Rain fell."},
     {"role": "user", "content": "Shorter, in Français 🇫🇷"}],
]

HAND_PICKED = [
    "", " ", "  ", "\t", "\n", "\r\n", " \n ", "\n\n\n", "a", "A", "Hello, world!", "Hello world",
    " Hello", "Hello ", "Hello  world", "Hello   world   ", "   leading spaces", "trailing spaces   ",
    "tab\tseparated\tvalues", "\t\tindented", "line one\nline two\r\nline three\rfour",
    "I'm here", "don't", "DON'T", "they're", "we've", "she'll", "he'd", "It's", "IT'S", "'s", "'",
    "''", "'tis", "rock 'n' roll", "o'clock", "l'homme", "can't won't shan't", "y'all'd've",
    "12345", "1 2 3", "3.14159", "1,000,000", "v2.0.1", "2024-01-15", "0x1F", "1e-9", "-42", "+7",
    "٣٤٥ Arabic-Indic digits", "²³ superscripts", "½ ¾", "Ⅻ roman", "①②③", "१२३", "１２３ fullwidth",
    "café naïve résumé", "e\u0301 combining", "Zürich Straße", "ÆØÅ æøå", "Ελληνικά γλώσσα",
    "Русский язык", "日本語のテキスト", "你好，世界！", "こんにちは世界", "안녕하세요", "مرحبا بالعالم",
    "שלום עולם", "नमस्ते दुनिया", "สวัสดีชาวโลก", "ქართული", "Tiếng Việt có dấu",
    "👍", "👍🏽", "👨‍👩‍👧‍👦", "🏳️‍🌈", "🇺🇸🇫🇷", "❤️", "I ❤️ NY", "😀😃😄😁", "emoji at end 🎉",
    "def foo(x):\n    return x ** 2\n", "for (int i = 0; i < n; ++i) {\n\tsum += a[i];\n}",
    "<html><body><p class=\"x\">Hi</p></body></html>", "{\"key\": [1, 2, {\"nested\": null}]}",
    "SELECT * FROM users WHERE id = 42;", "x = y if z else w  # comment", "$HOME/.config/tenor.toml",
    "https://example.com/path?query=1&b=2#frag", "user@example.com", "C:\\Windows\\System32",
    "a+b=c", "!!!???", "...", "—", "–-—", "«quotes»", "“smart quotes”", "‘single’", "¿Qué?", "¡Hola!",
    "\u00a0non-breaking\u00a0space", "thin\u2009space", "ideographic\u3000space", "zero\u200bwidth",
    "line\u2028separator", "next\u0085line", "soft\u00adhyphen", "a\u200db", "\u200e\u200f marks",
    "<|im_start|>", "<|im_end|>", "<|endoftext|>", "<|im_start|>user\nHello!<|im_end|>\n",
    "<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\nWhat's 2+2?<|im_end|>\n<|im_start|>assistant\n",
    "<|im_start", "im_start|>", "<|im_start|><|im_end|>", " <|im_start|> ", "x<|endoftext|>y",
    "<repo_name>tenor<file_sep>README.md", "<filename>a.py\n<gh_stars>10", "<jupyter_code>print(1)",
    "Mixed Русский and English", "日本語 and English mixed", "Ελληνικά123", "abc123def", "ABC_def-GHI",
    "camelCaseIdentifier", "snake_case_identifier", "SCREAMING_CASE", "kebab-case-word",
    "The quick brown fox jumps over the lazy dog.", "Pack my box with five dozen liquor jugs!",
    "  \n  \n  ", "\n \n", " \t ", "\t \n", "a\n\nb", "a \n b", "   \n", "\n   ", "x \ty",
    "¡", "¬", "®", "\u00ad", "ÿ", "Ā", "ſ", "ǅ", "ʰ", "ˆ", "̀", "\u0378", "\ufffd",
]

WORDS = (
    "the of and to in is was for on that with as by at from his her they we you it this be are "
    "not or have an one had but were all their there which can if more when will would who so "
    "no out up into about time has only new some could these two may first then do any like my "
    "now over such our man me even most made after also did many before must through back years "
    "where much your way well down should because each just those people how too little state "
    "good very make world still own see men work long get here between both life being under never "
    "prose tokenizer language server Swift neural model embedding vector sentence paragraph"
).split()
PUNCT = list(".,;:!?-—()[]{}\"'`~@#$%^&*_+=<>/\\|…")
SEPARATORS = [" ", " ", " ", " ", "  ", "\n", "\t", "\n\n", " \n", "\r\n", "   ", "\u00a0", ""]
RANGES = [
    (0x00A1, 0x00FF), (0x0100, 0x017F), (0x0180, 0x024F), (0x0250, 0x02AF), (0x0300, 0x036F),
    (0x0370, 0x03FF), (0x0400, 0x04FF), (0x0590, 0x05FF), (0x0600, 0x06FF), (0x0900, 0x097F),
    (0x0E00, 0x0E7F), (0x10A0, 0x10FF), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0x2070, 0x209F),
    (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2150, 0x218F), (0x2190, 0x21FF), (0x2200, 0x22FF),
    (0x2460, 0x24FF), (0x2500, 0x257F), (0x2600, 0x26FF), (0x3000, 0x303F), (0x3040, 0x309F),
    (0x30A0, 0x30FF), (0x4E00, 0x4FFF), (0xAC00, 0xAD00), (0xFF01, 0xFF5E), (0x1F300, 0x1F5FF),
    (0x1F600, 0x1F64F), (0x1F680, 0x1F6FF), (0x1D400, 0x1D4FF),
]
SPECIAL = ["<|im_start|>", "<|im_end|>", "<|endoftext|>", "<repo_name>", "<file_sep>"]


def assigned(c):
    return unicodedata.category(c) not in ("Cn", "Co", "Cs")


def random_unicode(rng, n):
    out = []
    while len(out) < n:
        low, high = rng.choice(RANGES)
        c = chr(rng.randint(low, high))
        if assigned(c):
            out.append(c)
    return "".join(out)


def random_text(rng):
    kind = rng.randrange(8)
    parts = []
    for _ in range(rng.randint(1, 14)):
        r = rng.random()
        if r < 0.5:
            w = rng.choice(WORDS)
            case = rng.random()
            w = w.capitalize() if case < 0.2 else (w.upper() if case < 0.25 else w)
            if rng.random() < 0.08:
                w += rng.choice(["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL"])
            parts.append(w)
        elif r < 0.6:
            parts.append(str(rng.choice([rng.randint(0, 9), rng.randint(0, 999), rng.randint(0, 10**9)])))
        elif r < 0.72:
            parts.append("".join(rng.choice(PUNCT) for _ in range(rng.randint(1, 3))))
        elif r < 0.9 or kind == 0:
            parts.append(random_unicode(rng, rng.randint(1, 6)))
        elif r < 0.95:
            parts.append(rng.choice(SPECIAL))
        else:
            parts.append(rng.choice(["👨‍👩‍👧", "👍🏿", "🇯🇵", "e\u0301", "\u200d", "\u2003", "\ufe0f"]))
        parts.append(rng.choice(SEPARATORS))
    if kind == 1:
        parts.insert(0, rng.choice(["  ", "\t", "\n", " "]))
    return "".join(parts)


def cases():
    rng = random.Random(20261127)
    texts = list(HAND_PICKED)
    texts += [random_text(rng) for _ in range(1050)]
    # A few long inputs: long words, long whitespace, long digit runs, a long paragraph.
    texts.append("a" * 3000)
    texts.append(" " * 500 + "x" + "\n" * 300)
    texts.append("9" * 1000)
    texts.append(" ".join(rng.choice(WORDS) for _ in range(2000)))
    texts.append("".join(random_unicode(rng, 1) for _ in range(1500)))
    return texts


def main():
    model = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_MODEL
    llm = llama_cpp.Llama(model_path=model, vocab_only=True, verbose=False)
    out = []
    for text in cases():
        data = text.encode("utf-8")
        ids = llm.tokenize(data, add_bos=False, special=False)
        special = llm.tokenize(data, add_bos=False, special=True)
        out.append({"text": text, "ids": ids, "special_ids": None if special == ids else special})
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        json.dump({
            "model": os.path.basename(model),
            "reference": f"llama-cpp-python {llama_cpp.__version__} (llama.cpp tokenizer, vocab_only)",
            "cases": out,
        }, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(out)} cases -> {OUTPUT} ({os.path.getsize(OUTPUT)} bytes)", file=sys.stderr)
    render_chats(model)


def render_chats(model):
    import jinja2
    from gguf import GGUFReader  # gguf-py, the GGUF reader maintained with llama.cpp

    reader = GGUFReader(model)
    field = reader.fields["tokenizer.chat_template"]
    source = bytes(field.parts[field.data[0]]).decode("utf-8")
    template = jinja2.Environment(trim_blocks=True, lstrip_blocks=True).from_string(source)
    chats = []
    for messages in CONVERSATIONS:
        for generation in (False, True):
            text = template.render(messages=messages, add_generation_prompt=generation,
                                   bos_token="", eos_token="<|im_end|>")
            chats.append({"messages": messages, "add_generation_prompt": generation, "text": text})
    with open(CHAT_OUTPUT, "w", encoding="utf-8") as f:
        json.dump({"model": os.path.basename(model), "reference": f"jinja2 {jinja2.__version__}", "chats": chats},
                  f, ensure_ascii=False, indent=1)
    print(f"{len(chats)} chats -> {CHAT_OUTPUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
