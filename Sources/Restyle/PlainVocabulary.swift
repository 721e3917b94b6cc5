/// Long or Latinate words with short everyday ones, beyond `simpleWords` and `everydayWords`, for `plain`
/// (and `casual`): verbs in every form (through `VerbForms`), then nouns, adjectives and set phrases.
/// Ours, in the spirit of the plain-English word lists; only pairs whose short form fits nearly every
/// use, since `Restyler` tries subsets of the swaps but cannot repair a wrong one.
extension LexicalRules {
    public static let plainVerbs = LexicalRules(VerbForms.conjugated([
        ("accelerate", "speed up"), ("accompany", "go with"), ("accomplish", "do"), ("accumulate", "build up"),
        ("administer", "run"), ("amend", "change"), ("ascertain", "find out"),
        ("assemble", "build"), ("attain", "reach"), ("authorize", "allow"), ("authorise", "allow"),
        ("collaborate", "work together"), ("compensate", "pay"), ("comply with", "follow"), ("conceal", "hide"),
        ("concur", "agree"), ("consolidate", "combine"), ("construct", "build"), ("consult", "ask"),
        ("contemplate", "think about"), ("deem", "judge"), ("deliberate", "talk"), ("designate", "name"),
        ("discontinue", "stop"), ("disseminate", "spread"), ("eliminate", "remove"), ("emphasize", "stress"),
        ("emphasise", "stress"), ("endeavour", "try"), ("endeavor", "try"),
        ("finalize", "finish"), ("finalise", "finish"), ("formulate", "draw up"), ("furnish", "give"),
        ("implement", "carry out"), ("inquire", "ask"), ("instruct", "tell"), ("investigate", "look into"),
        ("locate", "find"), ("minimize", "cut"), ("minimise", "cut"), ("necessitate", "need"), ("notify", "tell"),
        ("operate", "run"), ("optimize", "improve"), ("optimise", "improve"),
        ("participate", "take part"), ("permit", "let"), ("possess", "have"), ("procure", "get"),
        ("prohibit", "ban"), ("propose", "suggest"), ("provide", "give"), ("receive", "get"), ("recommend", "suggest"),
        ("reimburse", "repay"), ("relocate", "move"), ("remain", "stay"), ("require", "need"),
        ("reside", "live"), ("retain", "keep"), ("reveal", "show"), ("select", "choose"), ("specify", "state"),
        ("submit", "send"), ("substantiate", "prove"), ("terminate", "end"), ("transmit", "send"),
        ("utilize", "use"), ("utilise", "use"), ("validate", "check"), ("verify", "check"), ("commence", "start"),
        ("demonstrate", "show"), ("indicate", "show"), ("initiate", "start"), ("obtain", "get"), ("purchase", "buy"),
        ("modify", "change"), ("facilitate", "help"), ("assist", "help"), ("inform", "tell"), ("cease", "stop"),
        ("expedite", "speed up"), ("enhance", "improve"), ("anticipate", "expect"), ("result in", "lead to"),
        ("arrive at", "reach"), ("endeavour to", "try to"),
    ]))

    public static let plainWords = LexicalRules([
        ("advantageous", "helpful"), ("alternative", "other"), ("ample", "enough"), ("apparent", "clear"),
        ("beneficial", "helpful"), ("capability", "ability"), ("cessation", "end"), ("characteristic", "feature"),
        ("characteristics", "features"), ("compelling", "strong"), ("consensus", "agreement"),
        ("detrimental", "harmful"), ("discrepancies", "differences"), ("discrepancy", "difference"),
        ("employment", "work"), ("equivalent", "equal"), ("evident", "clear"), ("evidence", "proof"),
        ("extensively", "at length"), ("feasible", "possible"), ("forthwith", "at once"), ("immediately", "at once"),
        ("inactive", "idle"), ("indication", "sign"), ("initial", "first"), ("initially", "at first"),
        ("magnitude", "size"), ("necessary", "needed"), ("obligation", "duty"),
        ("obligations", "duties"), ("occupation", "job"), ("particulars", "details"), ("physician", "doctor"),
        ("physicians", "doctors"), ("portion", "part"), ("previously", "before"), ("principal", "main"),
        ("regulation", "rule"), ("regulations", "rules"), ("residence", "home"), ("stipulations", "terms"),
        ("stipulation", "term"), ("strenuous", "hard"), ("termination", "end"), ("thereafter", "then"),
        ("unsatisfactory", "poor"), ("interested parties", "anyone interested"), ("physical activity", "exercise"),
        ("in the event of", "if there is"), ("in the vicinity of", "near"), ("on behalf of", "for"),
        ("a sufficient number of", "enough"), ("at the conclusion of", "at the end of"), ("by means of", "by"),
        ("in respect of", "about"), ("obtainable", "available"),
        ("approximately", "about"), ("sufficient", "enough"), ("additional", "more"), ("subsequently", "later"),
        ("consequently", "so"), ("nevertheless", "still"), ("furthermore", "also"), ("moreover", "also"),
        ("frequently", "often"), ("individuals", "people"), ("individual", "person"), ("commencement", "start"),
        ("objective", "aim"), ("objectives", "aims"), ("assistance", "help"), ("requirement", "need"),
        ("requirements", "needs"), ("expenditure", "spending"), ("remuneration", "pay"), ("participants", "people taking part"),
        ("automatically", "by itself"), ("substantially", "greatly"), ("significantly", "greatly"),
        ("considerably", "greatly"), ("exceedingly", "very"), ("extremely", "very"), ("particularly", "especially"),
        ("currently", "now"), ("presently", "now"), ("at present", "now"), ("difficulties", "problems"),
        ("complications", "problems"), ("consequences", "results"), ("modifications", "changes"),
        ("alterations", "changes"),
    ])
}
