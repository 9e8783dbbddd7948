"""Word lists that signal causal, comparative, conditional and hedged language.

Each list names a general linguistic cue (lemmas, lower case), never a phrase of a
particular text. Signs: +1 raises the effect, -1 lowers it, 0 links without a sign.
"""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of ``text``."""
    return tuple(text.split())


# Transitive verbs whose subject acts on their object (lemma -> sign).
CAUSAL_VERBS: dict[str, int] = {
    **dict.fromkeys(
        _words(
            "increase raise enhance improve strengthen boost promote foster encourage "
            "facilitate intensify exacerbate aggravate worsen amplify heighten expand "
            "escalate accelerate create generate produce cause trigger provoke spark fuel "
            "drive induce stimulate spur enable help support reinforce bolster yield breed "
            "invite motivate prompt magnify deepen provide allow permit incentivize "
            "incentivise ensure encourage precipitate entail engender augment elevate accentuate "
            "catalyze catalyse nurture cultivate propel energize energise empower embolden "
            "entrench widen broaden prolong lengthen sustain maximize maximise stoke inflame "
            "incite foment instigate galvanize galvanise benefit"
        ),
        1,
    ),
    **dict.fromkeys(
        _words(
            "reduce decrease lower diminish weaken undermine limit constrain restrict "
            "inhibit hinder impede prevent deter dissuade discourage suppress mitigate "
            "ameliorate alleviate ease attenuate dampen erode hurt harm damage threaten "
            "offset curb restrain avert resolve eliminate remove lessen counteract "
            "destabilize destabilise jeopardize jeopardise minimise minimize depress stifle "
            "block preclude avoid neutralize neutralise impair obstruct retard cut shorten "
            "curtail hamper thwart frustrate stymie cripple undercut sap deplete dilute negate "
            "nullify halt stop delay slow stall disrupt degrade hamstring handicap penalize "
            "penalise compromise combat counter destroy blunt soften temper mute crowd detract "
            "buffer cushion"
        ),
        -1,
    ),
    **dict.fromkeys(
        _words(
            "affect influence shape determine explain condition moderate mediate "
            "impact alter change govern structure modify transform reshape modulate mould mold "
            "dictate"
        ),
        0,
    ),
}

# Verb + particle/preposition that makes a causal link (lemma -> (preposition, sign)).
PHRASAL_CAUSAL: dict[str, tuple[str, int]] = {
    "lead": ("to", 1),
    "result": ("in", 1),
    "contribute": ("to", 1),
    "give": ("to", 1),  # give rise to
    "bring": ("about", 1),
    "impact": ("on", 0),
    "translate": ("into", 1),
    "account": ("for", 0),
}

# Verbs whose subject depends on their "on" object without a sign ("Y depends on X").
DEPENDENCE_VERBS = frozenset(_words("depend hinge rest"))

# Verbs whose subject is the effect and whose "from"/"of" object is the cause.
REVERSE_PHRASAL: dict[str, str] = {
    "result": "from",
    "stem": "from",
    "arise": "from",
    "follow": "from",
    "derive": "from",
    "flow": "from",
    "spring": "from",
    "emanate": "from",
    "originate": "from",
    "benefit": "from",
}

# Intransitive change verbs: the subject changes (lemma -> sign).
CHANGE_VERBS: dict[str, int] = {
    **dict.fromkeys(
        _words(
            "increase rise grow expand intensify escalate worsen accelerate spread deepen "
            "heighten multiply soar mount climb improve surge swell widen broaden lengthen"
        ),
        1,
    ),
    **dict.fromkeys(
        _words(
            "decrease decline fall drop diminish shrink weaken wane subside ease erode lessen "
            "recede dwindle plummet plunge slump deteriorate fade abate"
        ),
        -1,
    ),
}

# Verbs that say a quantity depends on another without a sign.
VARIATION_VERBS = frozenset(_words("vary differ fluctuate change"))

# Nouns naming a cause ("X is the source of Y") and nouns naming a result ("Y is the result of X").
CAUSE_NOUNS: dict[str, int] = {
    **dict.fromkeys(
        _words(
            "source cause reason catalyst driver determinant root engine key prerequisite "
            "precondition basis recipe element contributor trigger origin spur antecedent "
            "predictor facilitator enabler stimulus promoter"
        ),
        1,
    ),
    **dict.fromkeys(
        _words(
            "obstacle barrier impediment constraint check brake threat danger hindrance "
            "deterrent hurdle bottleneck inhibitor detriment liability"
        ),
        -1,
    ),
}
RESULT_NOUNS = frozenset(_words("result consequence product outcome function effect by-product"))

# Nouns of association ("a positive effect on", "a relationship between").
LINK_NOUNS = frozenset(
    _words("effect impact influence relationship relation association link correlation connection")
)
# Participles and adjectives of association ("is related to").
LINK_PARTICIPLES = frozenset(
    _words(
        "relate associate correlate link connect related associated correlated linked "
        "connected attributable"
    )
)

# Words that carry a sign on their own.
POSITIVE_WORDS = frozenset(
    _words(
        "positive positively beneficial beneficially favourable favorable favourably favorably "
        "conducive supportive advantageous helpful salutary"
    )
)
NEGATIVE_WORDS = frozenset(
    _words(
        "negative negatively adverse adversely detrimental harmful unfavourable unfavorable "
        "inverse inversely damaging deleterious counterproductive counter-productive "
        "destructive disadvantageous injurious pernicious corrosive unfavourably unfavorably "
        "detrimentally harmfully"
    )
)
_RISE = r"(?:increas|ris|grow|climb|improv)\w*"
_FALL = r"(?:decreas|declin|fall|drop|diminish|weaken)\w*"
NONLINEAR_PATTERN = (
    r"\b(curvilinear\w*|non-?linear\w*|non-?monotonic\w*|quadratic\w*|parabolic\w*|"
    r"concave|convex|inverted[- ]?u|u[- ]?shaped?|j[- ]?shaped?|s[- ]?shaped?|"
    r"diminishing (?:marginal )?returns?|at an? (?:increasing|decreasing|diminishing) rate|"
    r"tipping[- ]point|up to an? (?:certain )?(?:point|threshold|level)|"
    rf"{_RISE}(?:\W+\w+){{0,4}}?\W+(?:and )?then\W+{_FALL}|"
    rf"{_FALL}(?:\W+\w+){{0,4}}?\W+(?:and )?then\W+{_RISE})\b"
)

# Comparatives and change modifiers (lower case surface or lemma).
MORE_WORDS = frozenset(
    _words(
        "more higher greater larger bigger better stronger increased increasing rising growing "
        "heavier wider faster further richer wealthier enhanced improved superior high longer "
        "heightened elevated intensified expanded strengthened"
    )
)
LESS_WORDS = frozenset(
    _words(
        "less lower smaller fewer weaker worse reduced decreased decreasing declining lesser "
        "poorer diminished inferior low slower narrower shorter lowered weakened dwindling "
        "shrinking falling diminishing"
    )
)
# Comparatives of strength ("a stronger effect", "the link is weaker"): said of a relation, they
# give the direction in which a third variable moderates it.
STRENGTH_COMPARATIVES: dict[str, int] = {
    **dict.fromkeys(_words("stronger greater larger bigger higher"), 1),
    **dict.fromkeys(_words("weaker smaller lesser lower"), -1),
}
# Degree words that "more" and "less" make a comparative of strength ("more strongly related").
STRENGTH_WORDS = frozenset(
    _words("strongly closely tightly weakly strong close pronounced powerful salient")
)
# Verbs that predicate a property of their subject ("the relationship becomes weaker").
LINKING_VERBS = frozenset(_words("be become get grow remain"))
# Verbs that sign a plain clause without acting on an object: the subject fares well or badly
# under the rest ("Y suffers from X", "Y thrives on X"), or stands in for or adds to another
# ("X substitutes for Y", "X complements Y").
FARING_VERBS: dict[str, int] = {
    **dict.fromkeys(_words("thrive flourish prosper profit gain complement"), 1),
    **dict.fromkeys(_words("suffer languish falter lose substitute"), -1),
}
# Verbs whose infinitive carries the claim ("X seems to reduce Y", "X tends to raise Y").
RAISING_VERBS = frozenset(_words("seem appear tend"))
# Verbs that deny what their infinitive says ("X fails to raise Y").
FAILING_VERBS = frozenset(_words("fail cease"))
# Modifiers that deny a link ("an insignificant relationship", "no effect").
NULL_WORDS = frozenset(
    _words("no insignificant non-significant nonsignificant null negligible zero little minimal")
)
# Predicates that deny a link outright ("X is unrelated to Y").
UNLINKED_WORDS = frozenset(_words("unrelated uncorrelated unassociated unconnected"))
CHANGE_NOUNS: dict[str, int] = {
    **dict.fromkeys(_words("increase rise growth expansion escalation"), 1),
    **dict.fromkeys(_words("decrease decline reduction drop fall loss erosion"), -1),
}

# Frequency adverbs that make a generalisation; negative ones carry the claim itself.
RARE_WORDS = frozenset(_words("rarely seldom never hardly scarcely"))
OFTEN_WORDS = frozenset(
    _words("often usually typically generally frequently always commonly normally regularly")
)

# Hedges: modal or qualifying language.
HEDGE_MODALS = frozenset(_words("may might can could should"))
HEDGE_WORDS = frozenset(
    _words(
        "likely typically usually sometimes generally probably possibly perhaps potentially "
        "presumably plausibly arguably tend suggest seem appear"
    )
)

# Clause markers.
CONDITION_MARKS = frozenset(_words("if when whenever once"))
PROVISO_MARKS = frozenset(_words("unless provided providing"))
PROVISO_PHRASES = ("so long as", "as long as", "only if", "only when", "on condition that")
CONCESSIVE_MARKS = frozenset(_words("although though while whereas"))
REASON_MARKS = frozenset(_words("because since as given"))
REASON_PHRASES = ("because of", "due to", "owing to", "as a result of", "thanks to")
ACCORDANCE_PHRASES = ("in accordance with", "in proportion to", "proportionally to", "in line with")
CONNECTIVES = (
    "therefore",
    "so",
    "then",
    "thus",
    "hence",
    "consequently",
    "as a consequence",
    "as a result",
    "for this reason",
    "thereby",
)

# Verbs that report a proposition in their that-clause.
REPORTING_VERBS = frozenset(
    _words(
        "argue find suggest show claim contend hold maintain posit propose predict hypothesise "
        "hypothesize expect believe think assert state note observe conclude demonstrate indicate "
        "reveal agree insist emphasise emphasize stress assume mean imply say theorise theorize "
        "anticipate recognise recognize understand know contend warn add postulate presume"
    )
)
# Verbs that frame "X as Y" ("see X as the cause of Y").
AS_FRAME_VERBS = frozenset(_words("see view regard consider treat identify describe interpret"))

# Explicit hypothesis markers.
MARKER_NOUNS = frozenset(
    _words("hypothesis hypotheses hypo proposition conjecture prediction h1 h2 h3 h4 h5 h6")
)

# Subjects that are the literature itself, and verbs of doing research.
LITERATURE_NOUNS = frozenset(
    _words(
        "scholar researcher literature research study analysis article author scholarship paper "
        "theorist critic proponent expert academic writer analyst book essay chapter review survey "
        "report text volume observer commentator work supporter we i"
    )
)
RESEARCH_VERBS = frozenset(
    _words(
        "apply develop explore discuss examine study investigate test use utilize utilise "
        "address point focus review survey advance put describe analyse analyze consider "
        "compare treat adopt "
        "extend elaborate articulate coin introduce present offer identify document characterise "
        "characterize distinguish debate criticise criticize challenge highlight build employ draw "
        "fail attempt try search look measure estimate model"
    )
)
RESEARCH_OBJECTS = frozenset(
    _words(
        "hypothesis hypotheses theory argument model analysis explanation framework account "
        "proposition prediction claim idea approach concept term logic notion insight theorem "
        "question answer article assumption finding evidence support"
    )
)

# Words that make a sentence a definition or a label rather than a claim.
DEFINING_VERBS = frozenset(_words("refer denote mean define term call designate describe label"))
EXISTENCE_VERBS = frozenset(_words("occur exist arise happen emerge"))

# Anchors in the present moment: the claim is a report of the state of the world, not a law.
PRESENT_ANCHORS = (
    "today",
    "now",
    "nowadays",
    "currently",
    "recently",
    "concurrently",
    "at present",
)

# Subjects that stand for an earlier sentence.
ANAPHORA = frozenset(_words("this that it these those such"))

# "X makes Y more likely": verbs that give their object a property, and the properties' signs.
MAKING_VERBS = frozenset(_words("make render"))
LIKELIHOOD_ADJECTIVES: dict[str, int] = {
    **dict.fromkeys(_words("likely probable possible easy easier feasible attractive"), 1),
    **dict.fromkeys(
        _words("unlikely improbable impossible difficult hard harder costly costlier unattractive"),
        -1,
    ),
}

# Main verbs that carry no relation of their own ("have", "face"): their object is the effect.
LIGHT_VERBS = frozenset(
    _words("have face experience get see suffer enjoy show exhibit display undergo possess")
)
