"""Word lists shared by the checks and the synthetic training data."""

from __future__ import annotations

# Pairs that cannot both describe one event. Used two ways: the synthetic NLI data
# swaps them to make contradictions, and the checker treats a swap between two
# otherwise similar claims as evidence of a contradiction.
ANTONYMS: tuple[tuple[str, str], ...] = (
    ("rose", "fell"),
    ("rises", "falls"),
    ("rise", "fall"),
    ("increased", "decreased"),
    ("raised", "cut"),
    ("raises", "cuts"),
    ("raise", "cut"),
    ("higher", "lower"),
    ("north", "south"),
    ("east", "west"),
    ("northern", "southern"),
    ("eastern", "western"),
    ("passed", "rejected"),
    ("approved", "rejected"),
    ("accepted", "rejected"),
    ("won", "lost"),
    ("wins", "loses"),
    ("opened", "closed"),
    ("confirmed", "denied"),
    ("gained", "lost"),
    ("before", "after"),
    ("above", "below"),
    ("allowed", "banned"),
    ("acquitted", "convicted"),
    ("innocent", "guilty"),
    ("released", "detained"),
    ("support", "oppose"),
    ("supports", "opposes"),
    ("expanded", "shrank"),
    ("increase", "decrease"),
    ("more", "fewer"),
    ("largest", "smallest"),
    ("biggest", "smallest"),
    ("first", "last"),
    ("early", "late"),
    ("success", "failure"),
    ("succeeded", "failed"),
    ("started", "ended"),
    ("federal", "state"),
    ("public", "private"),
    ("domestic", "foreign"),
    ("civil", "criminal"),
    ("resigned", "fired"),
    ("resigned", "dismissed"),
    ("resigned", "sacked"),
    ("quit", "fired"),
    ("record high", "record low"),
    ("agreed", "refused"),
    ("ally", "rival"),
    ("victory", "defeat"),
    ("peace", "war"),
    ("legal", "illegal"),
    ("held", "gave way"),
    ("held", "collapsed"),
    ("survived", "died"),
    ("alive", "dead"),
    ("up", "down"),
    ("increase", "cut"),
    ("hike", "cut"),
    ("boost", "cut"),
    ("raises", "cut"),
    ("arrested", "released"),
    ("charged", "released"),
    ("convicted", "cleared"),
    ("guilty", "cleared"),
    ("upheld", "overturned"),
    ("rose", "dropped"),
    ("gained", "fell"),
    ("passed", "failed"),
    ("north", "southern"),
    ("northern", "south"),
    ("east", "western"),
    ("eastern", "west"),
)
# "one" .. "twenty": small numbers spelled out, as news style writes them.
NUMBER_WORDS: dict[str, int] = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
NEGATORS = frozenset(
    {
        "not",
        "no",
        "never",
        "n't",
        "none",
        "nobody",
        "nothing",
        "neither",
        "nor",
        "without",
        "denied",
        "denies",
        "refused",
        "failed",
    }
)

# British and American spellings of one word: never a disagreement.
SPELLING_VARIANTS: dict[str, str] = {
    "towards": "toward",
    "afterwards": "afterward",
    "centre": "center",
    "centres": "centers",
    "metre": "meter",
    "metres": "meters",
    "kilometre": "kilometer",
    "kilometres": "kilometers",
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "programme": "program",
    "jewellery": "jewelry",
    "travelling": "traveling",
    "travelled": "traveled",
    "cancelled": "canceled",
    "labour": "labor",
    "colour": "color",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "favour": "favor",
    "honour": "honor",
    "harbour": "harbor",
    "rumour": "rumor",
    "behaviour": "behavior",
    "grey": "gray",
    "tyre": "tire",
    "tyres": "tires",
    "aluminium": "aluminum",
    "per cent": "percent",
}

# What happened to the people a figure counts. Two counts with different outcomes
# ("seven people were killed" / "40 people were injured") are two facts, however
# alike their sentences are.
OUTCOMES: dict[str, str] = {
    **dict.fromkeys(("killed", "dead", "died", "die", "deaths", "death", "fatalities", "bodies"), "death"),
    **dict.fromkeys(
        ("injured", "wounded", "hurt", "injuries", "hospital", "hospitalised", "hospitalized"), "injury"
    ),
    **dict.fromkeys(("missing", "unaccounted"), "missing"),
    **dict.fromkeys(("evacuated", "fled", "displaced", "homeless", "evacuate", "evacuation"), "displaced"),
    **dict.fromkeys(("rescued", "rescue", "saved", "survived", "survivors", "pulled"), "rescued"),
    **dict.fromkeys(("arrested", "detained", "arrests", "custody"), "arrested"),
}

# Countries (folded, one word each where the name has several): two of them a letter or two
# apart ("Iceland" / "Ireland", "Austria" / "Australia") are two places, not a misspelling.
COUNTRIES = frozenset(
    """afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
    bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana
    brazil brunei bulgaria burkina burundi cambodia cameroon canada chad chile china colombia comoros
    congo croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt eritrea estonia eswatini
    ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada guatemala guinea
    guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy jamaica japan
    jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya
    liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania
    mauritius mexico micronesia moldova monaco mongolia montenegro morocco mozambique myanmar namibia
    nauru nepal netherlands nicaragua niger nigeria norway oman pakistan palau palestine panama
    paraguay peru philippines poland portugal qatar romania russia rwanda samoa senegal serbia
    seychelles singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria
    taiwan tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu uganda ukraine
    uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe""".split()
)
