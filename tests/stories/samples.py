"""Hand-written news articles for the story tests (fictional places and people).

STRIKE: dock workers strike in Lindhaven, 4-5 March 2024 (three articles, one relaying a wire).
QUAKE: an earthquake in Serrano province, 5 March 2024 (two articles); one recalls the strike in passing.
DEAL: the Lindhaven strike ends with a pay deal, 10 May 2024: same actors as STRIKE, two months on.
HEISTS: two armed raids on jewellers in Varnholm, undated, two reports each: one on a Saturday (Henrik
Aslund's shop), one on a Tuesday (Mira Tollan's shop); both told in the words of a jewellery robbery.
"""

from __future__ import annotations

from datetime import date

STRIKE = [
    {
        "id": "strike-1",
        "title": "Lindhaven dock workers walk out over pay, halting container traffic",
        "published": date(2024, 3, 4),
        "outlet": "Lindhaven Herald",
        "text": (
            "Lindhaven dock workers walk out over pay, halting container traffic\n\n"
            "Thousands of dock workers in Lindhaven walked off the job on Monday, halting container traffic at the "
            "country's busiest port after wage talks with the port authority collapsed. The Harbour Workers Union "
            "said the strike would last until the authority improved its pay offer. Union leader Marta Kovel told "
            "reporters that crane operators had not had a raise in four years.\n\n"
            "Ships queued outside the harbour entrance by the afternoon. The port authority called the walkout "
            "illegal and said it would ask a court to order the workers back. Exporters warned that perishable "
            "goods were already piling up on the quays."
        ),
    },
    {
        "id": "strike-2",
        "title": "Port of Lindhaven paralysed as union strike enters second day",
        "published": date(2024, 3, 5),
        "outlet": "Coastal Times",
        "text": (
            "Port of Lindhaven paralysed as union strike enters second day\n\n"
            "The strike by Lindhaven dock workers entered its second day on Tuesday, with dozens of container "
            "ships waiting at anchor and cranes idle along the quays. Marta Kovel of the Harbour Workers Union said "
            "members would not return until the port authority raised its wage offer. The port authority said "
            "talks could resume only once the walkout ended.\n\n"
            "Freight companies said the stoppage was costing millions a day."
        ),
    },
    {
        "id": "strike-3",
        "title": "Dock strike shuts Lindhaven port",
        "published": date(2024, 3, 4),
        "outlet": "Daily Courier",
        "text": (
            "Dock strike shuts Lindhaven port\n\n"
            "LINDHAVEN (NPA) - Dock workers at the port of Lindhaven went on strike on Monday over pay, stopping "
            "container traffic, the Harbour Workers Union said. The port authority said the walkout was illegal. "
            "Union leader Marta Kovel said crane operators had waited four years for a raise."
        ),
    },
]

QUAKE = [
    {
        "id": "quake-1",
        "title": "Earthquake shakes Serrano province, villages cut off",
        "published": date(2024, 3, 5),
        "outlet": "Coastal Times",
        "text": (
            "Earthquake shakes Serrano province, villages cut off\n\n"
            "A strong earthquake struck Serrano province early on Tuesday, collapsing houses in several mountain "
            "villages and cutting the only road to the valley. Rescue teams were searching the rubble in Dolva "
            "and Pirek, the provincial governor Ana Ruiz said. At least nine people were killed.\n\n"
            "The tremor was felt as far away as Lindhaven, where the dock strike had already emptied the "
            "harbour, and the port authority said no damage was reported there."
        ),
    },
    {
        "id": "quake-2",
        "title": "Rescuers dig through rubble after Serrano quake kills nine",
        "published": date(2024, 3, 5),
        "outlet": "Lindhaven Herald",
        "text": (
            "Rescuers dig through rubble after Serrano quake kills nine\n\n"
            "Rescuers dug through collapsed houses in the mountain villages of Dolva and Pirek on Tuesday after an "
            "earthquake killed at least nine people in Serrano province. Governor Ana Ruiz said the road to the "
            "valley was blocked by landslides and that helicopters were flying in tents and water."
        ),
    },
]

DEAL = [
    {
        "id": "deal-1",
        "title": "Lindhaven dock workers accept pay deal, ending long dispute",
        "published": date(2024, 5, 10),
        "outlet": "Lindhaven Herald",
        "text": (
            "Lindhaven dock workers accept pay deal, ending long dispute\n\n"
            "Dock workers in Lindhaven voted on Friday to accept a new pay agreement with the port authority, "
            "ending a dispute that began with a walkout in March. The Harbour Workers Union said its members "
            "backed the deal, which raises crane operators' wages by eight percent over two years. Union leader "
            "Marta Kovel called the vote a victory."
        ),
    },
]

ALL = STRIKE + QUAKE + DEAL


HEISTS = [
    {"id": "heist-sat-1", "title": "Armed robbers raid Varnholm jewellery shop", "published": None,
     "outlet": "Varnholm Post", "text": (
        "Armed robbers raid Varnholm jewellery shop\n\n"
        "Three armed men raided a jewellery shop in central Varnholm on Saturday and escaped with watches and "
        "diamond rings, police said. The owner, Henrik Aslund, said the robbers threatened his staff with a pistol "
        "and smashed the display cases with hammers. Nobody was hurt.\n\n"
        "Police in Varnholm asked witnesses to come forward and said the men fled in a grey van. Aslund said the "
        "stolen jewellery was insured.")},
    {"id": "heist-sat-2", "title": "Jeweller robbed at gunpoint in Varnholm", "published": None,
     "outlet": "Northern Courier", "text": (
        "Jeweller robbed at gunpoint in Varnholm\n\n"
        "A Varnholm jeweller was robbed at gunpoint on Saturday by three men who smashed his display cases and "
        "took diamond rings and watches worth thousands. Henrik Aslund told the Courier the raid lasted barely "
        "two minutes before the robbers fled in a grey van.\n\n"
        "Officers are checking security cameras along the high street, police said.")},
    {"id": "heist-tue-1", "title": "Gunmen rob Varnholm jeweller in broad daylight", "published": None,
     "outlet": "Varnholm Post", "text": (
        "Gunmen rob Varnholm jeweller in broad daylight\n\n"
        "Two masked men held up a jewellery shop in Varnholm on Tuesday, tied up the owner and emptied the safe, "
        "police said. The owner, Mira Tollan, was freed by a customer half an hour later; gold chains, rings and "
        "cash were taken.\n\n"
        "Police said the robbers escaped on a motorbike and asked witnesses to come forward.")},
    {"id": "heist-tue-2", "title": "Station jeweller tied up during robbery", "published": None,
     "outlet": "Northern Courier", "text": (
        "Station jeweller tied up during robbery\n\n"
        "Mira Tollan had just opened her jewellery shop in Varnholm on Tuesday when two men pulled guns and "
        "forced her to open the safe. They took rings, watches and the day's cash, police said.\n\n"
        "Tollan said she was shaken but unhurt. Police are checking security cameras for the motorbike.")},
]

# Names in the texts and the entity key each stands for (what resolved mentions would give).
NAMES = {
    "Lindhaven": "GPE:lindhaven", "Harbour Workers Union": "ORG:hwu", "Marta Kovel": "PERSON:kovel",
    "Serrano": "GPE:serrano", "Dolva": "GPE:dolva", "Pirek": "GPE:pirek", "Ana Ruiz": "PERSON:ruiz",
    "Varnholm": "GPE:varnholm", "Henrik Aslund": "PERSON:aslund", "Aslund": "PERSON:aslund",
    "Mira Tollan": "PERSON:tollan", "Tollan": "PERSON:tollan",
}


def entities(text: str) -> list[tuple[str, int, int]]:
    """(key, start, end) of every listed name in the text, the longest name first where two overlap."""
    out: list[tuple[str, int, int]] = []
    for name, key in sorted(NAMES.items(), key=lambda kv: -len(kv[0])):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(s < end and start < e for _, s, e in out):
                out.append((key, start, end))
            start = text.find(name, start + 1)
    return sorted(out, key=lambda m: m[1])


def persons(text: str) -> list[str]:
    """The keys of the people named in the text."""
    return [key for key, _, _ in entities(text) if key.startswith("PERSON:")]
