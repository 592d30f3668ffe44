"""Multi-article fixtures written for these tests: several outlets reporting the
same fictional rounds of talks. Each report: (outlet, published ISO datetime, title, text)."""

THREE_OUTLETS_ONE_MEETING = [
    (
        "Adriatic Times",
        "2025-03-03T09:00:00+00:00",
        "EU to host Serbia-Kosovo talks in Brussels",
        "BRUSSELS, March 3 - Serbia and Kosovo will hold a new round of talks in Brussels on Thursday, "
        "the European Union said on Monday.\n"
        "EU envoy Miroslav Lajcak will chair the meeting.",
    ),
    (
        "Balkan Ledger",
        "2025-03-04T12:00:00+00:00",
        "Belgrade and Pristina negotiators to meet",
        "Serbian and Kosovar negotiators are due to meet in Brussels on March 6 for talks mediated by the "
        "European Union, officials said on Tuesday.",
    ),
    (
        "Danube Post",
        "2025-03-05T15:00:00+00:00",
        "Talks on normalisation set for Thursday",
        "The European Union will host talks between Serbia and Kosovo in Brussels on Thursday, "
        "an EU spokesman said on Wednesday.",
    ),
]

HELD_REPORT = [
    (
        "Adriatic Times",
        "2025-03-06T19:00:00+00:00",
        "Serbia and Kosovo talks end without deal",
        "BRUSSELS, March 6 - Serbia and Kosovo held talks in Brussels on Thursday but failed to agree "
        "on a roadmap, the European Union said.",
    ),
]

POSTPONED_THEN_HELD = [
    (
        "Caspian Herald",
        "2025-04-01T10:00:00+00:00",
        "Armenia-Azerbaijan talks postponed",
        "ALMATY, April 1 - Talks between Armenia and Azerbaijan that were scheduled to take place in Almaty "
        "on Friday have been postponed, Kazakhstan's foreign ministry said on Tuesday.",
    ),
    (
        "Caspian Herald",
        "2025-04-10T18:00:00+00:00",
        "Armenia and Azerbaijan hold talks in Almaty",
        "ALMATY, April 10 - Armenia and Azerbaijan held talks in Almaty on Thursday, a week later than planned, "
        "Kazakhstan's foreign ministry said.",
    ),
]

QUOTE = "We will not sign any agreement that divides our country"
SAME_QUOTE_FIVE_OUTLETS = [
    (outlet, f"2025-04-{day:02d}T08:00:00+00:00", title, text)
    for outlet, day, title, text in [
        (
            "Caspian Herald",
            14,
            "Pashinyan rules out deal",
            f"YEREVAN, April 14 - Armenian Prime Minister Nikol Pashinyan said on Monday that his government "
            f'would keep negotiating with Azerbaijan.\n"{QUOTE}," Pashinyan told parliament.',
        ),
        (
            "Adriatic Times",
            14,
            "Armenian leader sets red line",
            f"Armenian Prime Minister Nikol Pashinyan told lawmakers on Monday: \u201c{QUOTE}.\u201d",
        ),
        (
            "Balkan Ledger",
            14,
            "Pashinyan: no deal that divides Armenia",
            f"\u201c{QUOTE},\u201d Prime Minister Nikol Pashinyan said in Yerevan on Monday.",
        ),
        (
            "Danube Post",
            15,
            "Armenia's red lines",
            f"Armenian Prime Minister Nikol Pashinyan said on Monday that \u201c{QUOTE.lower()[0]}{QUOTE[1:]}.\u201d",
        ),
        (
            "Meridian Dispatch",
            15,
            "Pashinyan speaks to parliament",
            f'Nikol Pashinyan, Armenia\'s prime minister, was blunt. "{QUOTE}," he said on Monday.',
        ),
    ]
]
