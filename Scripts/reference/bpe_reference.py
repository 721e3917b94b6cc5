#!/usr/bin/env python3
"""Reference token ids for the byte-level BPE tokenizer tests.

Tokenizes ~1,200 varied strings with llama.cpp's own tokenizer (through llama-cpp-python,
vocab only) for the SmolLM2 GGUF, with and without special-token parsing, and writes
Tests/TokenizersTests/Fixtures/bpe/smollm2_reference.json:

    {"model": ..., "pre": ..., "cases": [{"text": s, "ids": [...], "special_ids": [...] | null}]}

`special_ids` is null when parsing special tokens gives the same ids as not parsing them.

It also trains a small SentencePiece BPE model (sentencepiece, byte fallback) on the
generated strings, writes its vocabulary as a vocab-only GGUF (spm_vocab.gguf, as llama.cpp's
converter lays out SentencePiece vocabularies) and records llama.cpp's ids for every string
with it (spm_reference.json): the reference for the SentencePiece ("llama") tokenizer.

It also renders a few conversations with the model's own Jinja chat template (jinja2, as
transformers does) into Tests/TokenizersTests/Fixtures/bpe/smollm2_chat_reference.json.
Run once (after Scripts/reference/build_llama_cpp.sh):

    python3 Scripts/reference/bpe_reference.py [path/to/SmolLM2-135M-Instruct.Q4_1.gguf]

With --hf, the ids come instead from HF `tokenizers` configured from the GGUF vocabulary and
merges with SmolLM2's own pre-tokenizer (individual digits, then GPT-2 byte-level regex); a
second, independent reference, for when llama-cpp-python cannot be built.
"""
import json
import os
import random
import sys
import unicodedata


ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODELS = os.environ.get("TENOR_MODELS_DIR", os.path.expanduser("~/.local/share/tenor/models"))
DEFAULT_MODEL = os.path.join(MODELS, "smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf")
FIXTURES = os.path.join(ROOT, "Tests", "TokenizersTests", "Fixtures", "bpe")
OUTPUT = os.path.join(FIXTURES, "smollm2_reference.json")
CHAT_OUTPUT = os.path.join(FIXTURES, "smollm2_chat_reference.json")
SPM_GGUF = os.path.join(FIXTURES, "spm_vocab.gguf")
PRE_OUTPUT = os.path.join(FIXTURES, "smollm2_other_pre_reference.json")
OTHER_PRE = ["llama-bpe", "qwen2", "gpt-2"]
SPM_OUTPUT = os.path.join(FIXTURES, "spm_reference.json")

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


def llama_cpp_tokenizer(model):
    """(tokenize(text, special) -> ids, description) from llama.cpp."""
    import llama_cpp

    llm = llama_cpp.Llama(model_path=model, vocab_only=True, verbose=False)

    def tokenize(text, special):
        return llm.tokenize(text.encode("utf-8"), add_bos=False, special=special)

    return tokenize, f"llama-cpp-python {llama_cpp.__version__} (llama.cpp tokenizer, vocab_only)"


def hf_tokenizer(model):
    """(tokenize(text, special) -> ids, description) from HF tokenizers, built from the GGUF."""
    import tokenizers
    from gguf import GGUFReader
    from tokenizers import AddedToken, Tokenizer, models, pre_tokenizers

    reader = GGUFReader(model)

    def strings(key):
        field = reader.fields[key]
        return [bytes(field.parts[i]).decode("utf-8") for i in field.data]

    tokens = strings("tokenizer.ggml.tokens")
    merges = [tuple(m.split(" ", 1)) for m in strings("tokenizer.ggml.merges")]
    field = reader.fields["tokenizer.ggml.token_type"]
    types = [int(field.parts[i][0]) for i in field.data]
    tok = Tokenizer(models.BPE(vocab={t: i for i, t in enumerate(tokens)}, merges=merges))
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
    ])
    # Control tokens (type 3) are the special tokens.
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False)
                            for t, kind in zip(tokens, types) if kind == 3])

    def tokenize(text, special):
        tok.encode_special_tokens = not special  # True: special-token text is ordinary text
        return tok.encode(text, add_special_tokens=False).ids

    return tokenize, f"HF tokenizers {tokenizers.__version__} (BPE from the GGUF vocabulary and merges)"


def main():
    args = [a for a in sys.argv[1:] if a != "--hf"]
    model = args[0] if args else DEFAULT_MODEL
    tokenize, reference = (hf_tokenizer if "--hf" in sys.argv else llama_cpp_tokenizer)(model)
    out = []
    for text in cases():
        ids = tokenize(text, False)
        special = tokenize(text, True)
        out.append({"text": text, "ids": ids, "special_ids": None if special == ids else special})
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        json.dump({"model": os.path.basename(model), "reference": reference, "cases": out},
                  f, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(out)} cases -> {OUTPUT} ({os.path.getsize(OUTPUT)} bytes)", file=sys.stderr)
    render_chats(model)
    if "--hf" not in sys.argv:
        sentencepiece_reference()
        other_pre_tokenizers_reference(model)


def other_pre_tokenizers_reference(model):
    """SmolLM2's vocabulary and merges under other pre-tokenizers (tokenizer.ggml.pre):
    llama.cpp's ids for every third string, to check the Llama 3, Qwen 2 and GPT-2 splits."""
    import tempfile

    import gguf
    import llama_cpp

    reader = gguf.GGUFReader(model)

    def field(key):
        f = reader.fields[key]
        return f

    def strings(key):
        f = field(key)
        return [bytes(f.parts[i]).decode("utf-8") for i in f.data]

    tokens = strings("tokenizer.ggml.tokens")
    merges = strings("tokenizer.ggml.merges")
    f = field("tokenizer.ggml.token_type")
    types = [int(f.parts[i][0]) for i in f.data]
    texts = cases()
    indices = list(range(0, len(texts), 3))
    results = {}
    for pre in OTHER_PRE:
        with tempfile.TemporaryDirectory() as directory:
            path = os.path.join(directory, "vocab.gguf")
            writer = gguf.GGUFWriter(path, "llama")
            writer.add_context_length(64)
            writer.add_embedding_length(8)
            writer.add_block_count(1)
            writer.add_feed_forward_length(16)
            writer.add_head_count(1)
            writer.add_head_count_kv(1)
            writer.add_layer_norm_rms_eps(1e-5)
            writer.add_tokenizer_model("gpt2")
            writer.add_tokenizer_pre(pre)
            writer.add_token_list(tokens)
            writer.add_token_types(types)
            writer.add_token_merges(merges)
            writer.add_bos_token_id(1)
            writer.add_eos_token_id(2)
            writer.add_add_bos_token(False)
            writer.write_header_to_file()
            writer.write_kv_data_to_file()
            writer.write_tensors_to_file()
            writer.close()
            llm = llama_cpp.Llama(model_path=path, vocab_only=True, verbose=False)
            results[pre] = [llm.tokenize(texts[i].encode("utf-8"), add_bos=False, special=False) for i in indices]
            del llm
    with open(PRE_OUTPUT, "w", encoding="utf-8") as f:
        json.dump({"reference": f"llama-cpp-python {llama_cpp.__version__} (llama.cpp tokenizer, vocab_only)",
                   "indices": indices, "ids": results}, f, separators=(",", ":"))
    print(f"{len(indices)} strings x {OTHER_PRE} -> {PRE_OUTPUT}", file=sys.stderr)


def sentencepiece_reference():
    import io

    import gguf
    import llama_cpp
    import sentencepiece

    texts = cases()
    # Mostly English, so that the rarer characters of the test strings fall outside the
    # character coverage and exercise the byte fallback.
    rng = random.Random(7)
    lines = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 20))) for _ in range(20000)]
    lines += [line for t in texts for line in t.splitlines() if line.strip()]
    model = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=model, vocab_size=1500, hard_vocab_limit=False,
        model_type="bpe", byte_fallback=True, split_digits=True, character_coverage=0.98,
        normalization_rule_name="identity", remove_extra_whitespaces=False, add_dummy_prefix=True,
        control_symbols=["<|im_start|>", "<|im_end|>"], user_defined_symbols=["<user>"],
        num_threads=1, minloglevel=2)
    sp = sentencepiece.SentencePieceProcessor(model_proto=model.getvalue())

    tokens, scores, types = [], [], []
    for i in range(sp.vocab_size()):
        tokens.append(sp.id_to_piece(i))
        scores.append(sp.get_score(i))
        types.append(2 if sp.is_unknown(i) else 3 if sp.is_control(i) else 5 if sp.is_unused(i)
                     else 6 if sp.is_byte(i) else 4 if tokens[-1] == "<user>" else 1)
    writer = gguf.GGUFWriter(SPM_GGUF, "llama")
    # Hyperparameters only so that llama.cpp accepts the vocab-only file.
    writer.add_context_length(64)
    writer.add_embedding_length(8)
    writer.add_block_count(1)
    writer.add_feed_forward_length(16)
    writer.add_head_count(1)
    writer.add_head_count_kv(1)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_tokenizer_model("llama")
    writer.add_token_list(tokens)
    writer.add_token_scores(scores)
    writer.add_token_types(types)
    writer.add_bos_token_id(sp.bos_id())
    writer.add_eos_token_id(sp.eos_id())
    writer.add_unk_token_id(sp.unk_id())
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()

    llm = llama_cpp.Llama(model_path=SPM_GGUF, vocab_only=True, verbose=False)
    out = []
    for text in texts:
        data = text.encode("utf-8")
        ids = llm.tokenize(data, add_bos=False, special=False)
        special = llm.tokenize(data, add_bos=False, special=True)
        out.append({"text": text, "ids": ids, "special_ids": None if special == ids else special})
    with open(SPM_OUTPUT, "w", encoding="utf-8") as f:
        json.dump({"model": os.path.basename(SPM_GGUF),
                   "reference": f"llama-cpp-python {llama_cpp.__version__} (llama.cpp tokenizer, vocab_only)",
                   "cases": out}, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(out)} SentencePiece cases ({len(tokens)} tokens) -> {SPM_OUTPUT}", file=sys.stderr)


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
