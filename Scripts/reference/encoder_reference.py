#!/usr/bin/env python3
"""Reference fixtures for the sentence encoder (all-MiniLM-L6-v2). Run once:

    pip install tokenizers safetensors numpy scipy
    python3 Scripts/reference/encoder_reference.py [MODEL_DIR]

Writes
  Tests/TokenizersTests/Fixtures/wordpiece/minilm_token_ids.json
      [{"text": ..., "ids": [...]}, ...] from HF `tokenizers` (padding off, truncation at 256,
      as sentence-transformers uses max_seq_length 256 for this model).
  Tests/ModelsTests/Fixtures/encoder/minilm_sentences.json   the sentences, in order
  Tests/ModelsTests/Fixtures/encoder/minilm_embeddings.f16   float16 little-endian, count × 384,
      from an independent float64 numpy BERT over model.safetensors (one sentence at a time, no
      padding), mean pooling over tokens, L2 normalised.
"""
import json
import os
import random
import sys

import numpy as np
from safetensors.numpy import load_file
from scipy.special import erf
from tokenizers import Tokenizer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODEL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.environ.get("TENOR_MODELS_DIR", os.path.expanduser("~/.local/share/tenor/models")), "all-minilm-l6-v2")
MAX_SEQ = 256

rng = random.Random(20261127)

WORDS = """the a an of to in is was for on that with as by it at from this be are or his her their
writer reader garden river mountain coffee quietly suddenly although however because therefore
analysis paragraph sentence language model neural network encoder embedding vector similarity
café naïve résumé façade jalapeño crème brûlée Zürich São Paulo Kraków Ångström fiancée déjà vu
über straße Ærø Œuvre señor año niño Ελλάδα Москва Київ日本語 中文 한국어 ไทย العربية עברית हिन्दी
unbelievably antidisestablishmentarianism supercalifragilisticexpialidocious pneumonoultramicroscopicsilicovolcanoconiosis
COVID-19 e-mail re-enter state-of-the-art mother-in-law don't can't won't it's o'clock rock'n'roll
3.14159 1,000,000 42 2026-11-27 12:00 $19.99 €5 £3 ¥100 50% #hashtag @mention x^2 a+b=c a|b ~tilde `code`
https://example.com/path?q=1&r=2 www.test.org user@example.com C:\\Users\\file.txt /usr/bin/env
😀 🎉 👍🏽 🇫🇷 ❤️ 🥲 🫠 ☃ ★ → ∑ ∞ ≤ ≥ ± × ÷ ° © ® ™ … — – “quoted” ‘single’ «guillemets» ¿qué? ¡hola!""".split()

FRAGMENTS = [
    "Hello, world!", "HELLO WORLD", "hello\tworld\nnew line\r\nwindows", "  leading and trailing  ",
    "multiple     spaces", "zero\u200bwidth\u200cjoiner\u200dtest", "soft\u00adhyphen", "nbsp\u00a0here",
    "control\x00null\x01one\x7fdel", "bell\x07char", "replacement\ufffdchar", "private\ue000use",
    "em\u2003space\u3000ideographic", "bidi\u202emark\u202c", "BOM\ufeffin text", "line\u2028separator",
    "combining e\u0301 a\u0300 o\u0308", "precomposed é à ö", "Ǆ ǅ ǆ ﬁ ﬂ ß ẞ", "İstanbul ıi İI", "ΣΑΣ σας ς",
    "ﾊﾝｶｸ ｶﾀｶﾅ", "ＦＵＬＬＷＩＤＴＨ ａｂｃ １２３", "ひらがな カタカナ 漢字", "我爱北京天安门", "𠀀𪜀𫝀𫠠𫠡𬺰𮯠",
    "丽丸乁", "한국어 문장입니다", "Tiếng Việt có dấu", "Ελληνικά κείμενα", "Русский текст", "עברית", "العربية",
    "हिन्दी भाषा", "ภาษาไทย", "ქართული", "Հայերեն", "ᚠᚢᚦ runes", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math", "𝟙𝟚𝟛",
    "[CLS] [SEP] [MASK] [PAD] [UNK]", "a[MASK]b", "[mask] lower", "[[SEP]]", "[CLS[SEP]",
    "x" * 99, "y" * 100, "z" * 101, "ab" * 60, "é" * 101, "##hash", "## ##", "###", "unaffable",
    "...", "?!?!", "((nested))", "<html><body>tag</body></html>", "{\"json\": [1, 2, 3]}", "a_b_c snake_case",
    "camelCaseWord", "ALLCAPSWORD", "MiXeD CaSe", "1234567890", "0.000001", "1e-10", "-42", "+1 (555) 123-4567",
    "¼ ½ ¾ ² ³", "Ⅻ roman", "① circled", "™®©", "§ ¶ † ‡", "«»‹›", "„low quotes“", "\u00b7middle\u00b7dot",
    "emoji 👨‍👩‍👧‍👦 family", "flag 🏳️‍🌈", "skin 👋🏿", "keycap 1️⃣", "🧑🏻‍💻 coder", "",
    "   ", "\n\n", "\t", "a", "I", ".", "'", "\"", "--", "—", "–",
]


def random_string():
    kind = rng.random()
    if kind < 0.15:
        return rng.choice(FRAGMENTS)
    if kind < 0.3:
        return rng.choice(FRAGMENTS) + " " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8))) + rng.choice(FRAGMENTS)
    if kind < 0.4:
        # Random code points from interesting ranges.
        ranges = [(0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x370, 0x3FF), (0x400, 0x4FF), (0x2000, 0x206F),
                  (0x3000, 0x30FF), (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0x1F300, 0x1FAFF), (0x0, 0x1F), (0xE000, 0xE0FF),
                  (0xFF00, 0xFFEF), (0x20000, 0x2A6DF), (0x2B740, 0x2B9FF), (0x10000, 0x1007F), (0xFFF0, 0xFFFD)]
        out = []
        for _ in range(rng.randint(1, 30)):
            lo, hi = rng.choice(ranges)
            out.append(chr(rng.randint(lo, hi)))
            if rng.random() < 0.3:
                out.append(" ")
        return "".join(out)
    if kind < 0.45:
        # Long enough to be truncated at 256 tokens.
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(150, 400)))
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 25))]
    text = " ".join(words)
    if rng.random() < 0.5:
        text = text[0].upper() + text[1:] + rng.choice([".", "!", "?", "…", "", ";"])
    return text


SENTENCES = [
    "A man is eating food.", "A man is eating a piece of bread.", "The girl is carrying a baby.",
    "A man is riding a horse.", "A woman is playing violin.", "Two men pushed carts through the woods.",
    "A man is riding a white horse on an enclosed ground.", "A monkey is playing drums.",
    "Someone in a gorilla costume is playing a set of drums.", "The cat sits outside.",
    "A man is playing guitar.", "I love pasta.", "The new movie is awesome.", "The dog plays in the garden.",
    "Do you like pizza?", "The new movie is so great.", "This is a happy person.", "Today is a sunny day.",
    "The quick brown fox jumps over the lazy dog.", "Café au lait with a croissant, s'il vous plaît.",
    "我爱北京天安门。", "東京は日本の首都です。", "Привет, как дела?", "¿Dónde está la biblioteca?",
    "Emoji are fun 😀🎉 but hard to embed.", "Visit https://example.com/docs?page=2 for details.",
    "The meeting is at 10:30 a.m. on 2026-11-27 in room 4B.", "It costs $19.99, or €17.50 in Europe.",
    "", "a", "[MASK] is a special token.", "Antidisestablishmentarianism is a long word.",
    "This sentence has \t tabs \n and newlines.", "ALL CAPS SENTENCE SHOUTING AT YOU!",
    "Although it was raining, we decided to walk to the station rather than wait for the bus.",
]
SUBJECTS = ["The writer", "A student", "My neighbour", "The committee", "Our team", "The old man", "A small child",
            "The author", "Every reader", "The editor", "The scientist", "A tired nurse", "The pilot", "The chef"]
VERBS = ["wrote", "revised", "read", "ignored", "praised", "criticised", "summarised", "translated", "published",
         "rejected", "annotated", "discussed", "shortened", "expanded"]
OBJECTS = ["the long report", "a short poem", "the final chapter", "an angry letter", "the quarterly budget",
           "a confusing email", "the draft proposal", "the meeting notes", "a children's story", "the user manual"]
TAILS = ["before lunch.", "with great care.", "in a hurry.", "despite the noise outside.", "for the third time this week.",
         "although nobody asked.", "while drinking cold coffee.", "and then went home.", "without reading the comments.",
         "because the deadline was tomorrow."]


def template_sentence():
    sentence = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    if rng.random() < 0.2:
        sentence += " " + f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
    return sentence


def bert_embed(weights, ids):
    def w(name):
        return weights[name].astype(np.float64)

    def layer_norm(x, prefix):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + 1e-12) * w(prefix + ".weight") + w(prefix + ".bias")

    def linear(x, prefix):
        return x @ w(prefix + ".weight").T + w(prefix + ".bias")

    n = len(ids)
    x = w("embeddings.word_embeddings.weight")[ids] + w("embeddings.position_embeddings.weight")[:n] \
        + w("embeddings.token_type_embeddings.weight")[0]
    x = layer_norm(x, "embeddings.LayerNorm")
    heads, head_dim = 12, 32
    for layer in range(6):
        p = f"encoder.layer.{layer}."
        q = linear(x, p + "attention.self.query").reshape(n, heads, head_dim).transpose(1, 0, 2)
        k = linear(x, p + "attention.self.key").reshape(n, heads, head_dim).transpose(1, 0, 2)
        v = linear(x, p + "attention.self.value").reshape(n, heads, head_dim).transpose(1, 0, 2)
        scores = q @ k.transpose(0, 2, 1) / np.sqrt(head_dim)
        scores = np.exp(scores - scores.max(-1, keepdims=True))
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ v).transpose(1, 0, 2).reshape(n, heads * head_dim)
        x = layer_norm(x + linear(context, p + "attention.output.dense"), p + "attention.output.LayerNorm")
        h = linear(x, p + "intermediate.dense")
        h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
        x = layer_norm(x + linear(h, p + "output.dense"), p + "output.LayerNorm")
    pooled = x.mean(0)
    return pooled / np.linalg.norm(pooled)


def main():
    tokenizer = Tokenizer.from_file(os.path.join(MODEL, "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(MAX_SEQ)

    strings = list(dict.fromkeys(FRAGMENTS + [random_string() for _ in range(1200)]))
    token_cases = [{"text": s, "ids": tokenizer.encode(s).ids} for s in strings]
    out = os.path.join(ROOT, "Tests/TokenizersTests/Fixtures/wordpiece")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "minilm_token_ids.json"), "w") as f:
        json.dump(token_cases, f, ensure_ascii=True, separators=(",", ":"))
    print(f"{len(token_cases)} token cases")

    sentences = list(dict.fromkeys(SENTENCES + [template_sentence() for _ in range(160)]
                                   + [" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 30))) for _ in range(40)]
                                   + [" ".join(rng.choice(WORDS) for _ in range(rng.randint(200, 300))) for _ in range(3)]))
    weights = load_file(os.path.join(MODEL, "model.safetensors"))
    vectors = np.stack([bert_embed(weights, tokenizer.encode(s).ids) for s in sentences])
    out = os.path.join(ROOT, "Tests/ModelsTests/Fixtures/encoder")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "minilm_sentences.json"), "w") as f:
        json.dump(sentences, f, ensure_ascii=True, indent=0)
    vectors.astype("<f2").tofile(os.path.join(out, "minilm_embeddings.f16"))
    print(f"{len(sentences)} sentences; similarity(0, 1) = {float(vectors[0] @ vectors[1]):.6f}")


if __name__ == "__main__":
    main()
