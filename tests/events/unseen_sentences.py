"""News-style sentences written for the events coder's tests, not taken from any corpus or dev set:
one or more per PLOVER type in varied wording, negated, feared and reported ones, and sentences that
report no action. Each row: sentence, expected main type ("NONE" for no event), actor and target
country (None: not checked), and the flags negated, hypothetical and the reporter (None: not checked).

Each batch was written after the fixes the batches before it drove, measured first, and then its misses
drove general fixes of their own (new verbs, phrases and rules, never a sentence): BATCH_A before the
lexicon was reviewed, BATCH_B and BATCH_C after, BATCH_D last, its misses left alone as a held-out check.
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.events.sentence import code_text


@dataclass(frozen=True)
class Case:
    sentence: str
    type: str
    actor: str | None = None
    target: str | None = None
    negated: bool = False
    hypothetical: bool = False
    reported_by: str | None = None


def score(cases: list[Case]) -> dict:
    """Type accuracy over all cases; country, flag and reporter accuracy over the correctly typed ones."""
    typed, countries, flags, reporters, misses = 0, [], [], [], []
    for case in cases:
        events = code_text(case.sentence)
        got = events[0] if events else None
        if (got.type if got else "NONE") != case.type:
            misses.append(f"{case.sentence} -> {got.type if got else 'NONE'}")
            continue
        typed += 1
        if got is None:
            continue
        countries += [want == have for want, have in ((case.actor, got.actor_country),
                                                      (case.target, got.target_country)) if want]
        flags.append((got.negated, got.hypothetical) == (case.negated, case.hypothetical))
        if case.reported_by:
            reporters.append(got.reported_by == case.reported_by)
    return {"cases": len(cases), "type_accuracy": round(typed / len(cases), 3),
            "country_accuracy": _share(countries), "flag_accuracy": _share(flags),
            "reporter_accuracy": _share(reporters), "misses": misses}


def _share(values: list[bool]) -> float:
    return round(sum(values) / len(values), 3) if values else 1.0


BATCH_A = [
    # AGREE
    Case("Ethiopia and Eritrea reached a deal on Thursday to demarcate their shared border, state media reported.",
         "AGREE", "ETH", reported_by="state media"),
    Case("Brazil offered to host the next round of climate negotiations in Belem.", "AGREE", "BRA"),
    Case("The Philippine government pledged to resettle families displaced by the typhoon.", "AGREE", "PHL"),
    Case("Saudi Arabia agreed to resume oil shipments to Pakistan.", "AGREE", "SAU", "PAK"),
    # CONSULT
    Case("Egypt's foreign minister held talks with his Sudanese counterpart in Cairo on Sunday.", "CONSULT", "EGY",
         "SDN"),
    Case("The Indian prime minister travelled to Tokyo for a two-day visit.", "CONSULT", "IND", "JPN"),
    Case("Pakistani and Afghan officials sat down in Doha to discuss border security.", "CONSULT", "PAK"),
    Case("The Cuban president received a delegation of Russian lawmakers in Havana.", "CONSULT", "CUB", "RUS"),
    # SUPPORT
    Case("Kenya hailed the election of the new African Union commission chairman.", "SUPPORT", "KEN"),
    Case("France voiced strong support for Moldova's bid to join the European Union.", "SUPPORT", "FRA", "MDA"),
    Case("Argentina restored diplomatic relations with Venezuela after a three-year break.", "SUPPORT", "ARG", "VEN"),
    Case("Spain recognised Palestine as a state on Tuesday.", "SUPPORT", "ESP", "PSE"),
    # COOPERATE
    Case("Colombian and Ecuadorian police carried out a joint operation against drug traffickers along the border.",
         "COOPERATE", "COL"),
    Case("Spain extradited a Moroccan businessman wanted for fraud.", "COOPERATE", "ESP"),
    Case("Indian and French warships conducted joint drills in the Arabian Sea.", "COOPERATE", "IND"),
    # AID
    Case("Japan sent emergency relief supplies to earthquake-hit Turkey.", "AID", "JPN", "TUR"),
    Case("The World Bank approved a $500 million loan to Ghana to shore up its budget.", "AID", target="GHA"),
    Case("Norway granted $20 million in humanitarian assistance to Yemen.", "AID", "NOR", "YEM"),
    # RETREAT
    Case("Israel withdrew its troops from the southern Lebanese village overnight.", "RETREAT", "ISR", "LBN"),
    Case("Rebels in eastern Congo freed 12 aid workers they had held since March.", "RETREAT"),
    Case("Armenian forces handed back three villages to Azerbaijan under the peace deal.", "RETREAT", "ARM", "AZE"),
    # CONCEDE
    Case("Sri Lanka lifted the state of emergency it had declared in the capital.", "CONCEDE", "LKA"),
    Case("The junta eased restrictions on foreign journalists entering Myanmar.", "CONCEDE"),
    Case("Facing mass protests, the Peruvian president backed down on the fuel price rise.", "CONCEDE", "PER"),
    # REQUEST
    Case("Ukraine urged its Western allies to speed up deliveries of air defence systems.", "REQUEST", "UKR"),
    Case("Human Rights Watch called on Bahrain to release jailed activists.", "REQUEST", target="BHR"),
    Case("Mexico asked the United States to extradite the former governor.", "REQUEST", "MEX", "USA"),
    # ACCUSE
    Case("China accused the Philippines of deliberately ramming its coast guard vessel.", "ACCUSE", "CHN", "PHL"),
    Case("Poland sharply criticised Germany's decision to delay the tank deliveries.", "ACCUSE", "POL", "DEU"),
    Case("Prosecutors in Seoul charged the former defence minister with abuse of power.", "ACCUSE"),
    Case("The Swedish government launched an inquiry into the leak of classified documents.", "ACCUSE", "SWE"),
    Case("Indonesia condemned the burning of the Koran in Stockholm.", "ACCUSE", "IDN"),
    # REJECT
    Case("Turkey rejected a Swedish request to extradite Kurdish activists.", "REJECT", "TUR", "SWE"),
    Case("The Kremlin dismissed the report as fabrication.", "REJECT", "RUS"),
    Case("Venezuela refused to let the UN human rights team into the country.", "REJECT", "VEN"),
    # THREATEN
    Case("North Korea warned it would respond with overwhelming force to the joint drills.", "THREATEN", "PRK"),
    Case("Iran vowed to retaliate against Israel for the strike on its consulate.", "THREATEN", "IRN", "ISR"),
    # PROTEST
    Case("Thousands of teachers took to the streets of Nairobi to demand higher pay.", "PROTEST"),
    Case("Dockworkers in Antwerp walked off the job over pension reforms.", "PROTEST"),
    Case("Opposition supporters staged a sit-in outside the electoral commission in Harare.", "PROTEST"),
    # SANCTION
    Case("The European Union slapped fresh sanctions on Belarusian officials.", "SANCTION", target="BLR"),
    Case("Lithuania expelled two Russian diplomats accused of spying.", "SANCTION", "LTU", "RUS"),
    Case("Morocco suspended all contact with the German embassy.", "SANCTION", "MAR", "DEU"),
    # MOBILIZE
    Case("Armenia put its armed forces on full combat alert.", "MOBILIZE", "ARM"),
    Case("Russia massed tens of thousands of troops near the Ukrainian border.", "MOBILIZE", "RUS", "UKR"),
    Case("Taiwan called up reservists for two weeks of additional training.", "MOBILIZE", "TWN"),
    # COERCE
    Case("Police in Istanbul detained dozens of journalists on Monday.", "COERCE"),
    Case("Authorities in Tehran shut down two reformist newspapers.", "COERCE"),
    Case("The Nicaraguan government confiscated the property of a Catholic university.", "COERCE", "NIC"),
    # ASSAULT
    Case("Gunmen opened fire on a bus carrying pilgrims in northern Nigeria, killing nine.", "ASSAULT"),
    Case("Israeli jets struck targets in Syria overnight, the Syrian army said.", "ASSAULT", "ISR", "SYR",
         reported_by="the Syrian army"),
    Case("Sudanese paramilitaries stormed a hospital in El Fasher.", "ASSAULT", "SDN"),
    # negated, feared, conditional, reported
    Case("The army did not open fire on the demonstrators, a military spokesman insisted.", "ASSAULT", negated=True,
         reported_by="a military spokesman"),
    Case("Greece has never imposed sanctions on Turkey.", "SANCTION", "GRC", "TUR", negated=True),
    Case("Analysts fear that China could blockade Taiwan within the next few years.", "COERCE", "CHN", "TWN",
         hypothetical=True),
    Case("If talks collapse, the union may call a nationwide strike.", "PROTEST", hypothetical=True),
    Case("Zambia might expel the Chinese ambassador over the mine spill.", "SANCTION", "ZMB", "CHN", hypothetical=True),
    Case("According to local officials, militants kidnapped eleven students in Zamfara state.", "ASSAULT",
         reported_by="local officials"),
    Case("Syrian troops shelled rebel positions near Idlib, an opposition monitoring group said.", "ASSAULT", "SYR",
         reported_by="an opposition monitoring group"),
    Case("Hungary denied that it had blocked the aid package.", "REJECT", "HUN"),
    # no action reported
    Case("The central bank kept interest rates unchanged at its March meeting.", "NONE"),
    Case("Tourist arrivals in Portugal rose by 12 percent last year.", "NONE"),
    Case("The river burst its banks after a week of heavy rain.", "NONE"),
    Case("Oil prices climbed to a five-month high on Tuesday.", "NONE"),
]

BATCH_B = [
    # AGREE
    Case("Serbia and Kosovo agreed in principle to a European plan to normalise ties.", "AGREE", "SRB"),
    Case("Chile promised to return ancestral lands to Mapuche communities by next year.", "AGREE", "CHL"),
    Case("The rebel alliance signalled its readiness to join peace talks in Nairobi.", "AGREE"),
    Case("Estonia and Finland agreed to share radar data on their airspace.", "AGREE", "EST"),
    Case("Canada pledged $50 million in food aid to Sudan.", "AGREE", "CAN", "SDN"),
    Case("Britain will train Ukrainian pilots on F-16 jets.", "AGREE", "GBR", "UKR"),
    # CONSULT
    Case("The Chinese foreign minister paid a three-day visit to Cambodia.", "CONSULT", "CHN", "KHM"),
    Case("Leaders of the two Koreas spoke by telephone for the first time in five years.", "CONSULT"),
    Case("Qatari mediators hosted Israeli and Hamas negotiators in Doha.", "CONSULT", "QAT", "ISR"),
    # SUPPORT
    Case("Germany welcomed the release of the detained journalists.", "SUPPORT", "DEU"),
    Case("The African Union endorsed Nigeria's candidate for the post.", "SUPPORT", target="NGA"),
    Case("Pakistan expressed solidarity with Turkey after the earthquake.", "SUPPORT", "PAK", "TUR"),
    # COOPERATE
    Case("Kenyan and Somali forces jointly patrolled the border town of Mandera.", "COOPERATE", "KEN"),
    Case("Interpol and Brazilian police worked together to dismantle a trafficking ring.", "COOPERATE"),
    # AID
    Case("The United Arab Emirates flew tonnes of medical supplies to Gaza.", "AID", "ARE"),
    Case("Turkey gave shelter to thousands of Syrians fleeing the fighting.", "AID", "TUR", "SYR"),
    # RETREAT
    Case("Malian troops pulled out of the northern town of Kidal.", "RETREAT", "MLI"),
    Case("The militia released the kidnapped Italian engineer after three weeks.", "RETREAT", target="ITA"),
    Case("Russia evacuated its forces from the island overnight.", "RETREAT", "RUS"),
    # CONCEDE
    Case("Hong Kong scrapped its remaining quarantine rules for travellers.", "CONCEDE"),
    Case("The Thai government bowed to student demands and amended the constitution.", "CONCEDE", "THA"),
    Case("Kazakhstan's president reinstated the fuel subsidy after days of unrest.", "CONCEDE", "KAZ"),
    # REQUEST
    Case("The United Nations appealed for $2 billion to help flood victims in Pakistan.", "REQUEST", "IGO"),
    Case("Lebanon's prime minister pleaded with donors to release frozen funds.", "REQUEST", "LBN"),
    Case("Opposition parties demanded the resignation of the interior minister.", "REQUEST"),
    # ACCUSE
    Case("Azerbaijan blamed Armenia for the shelling of its border posts.", "ACCUSE", "AZE", "ARM"),
    Case("Amnesty International denounced the mass trials in Egypt.", "ACCUSE", target="EGY"),
    Case("A French court convicted a former minister of embezzlement.", "ACCUSE", "FRA"),
    Case("The Dutch parliament opened an investigation into the childcare benefits scandal.", "ACCUSE", "NLD"),
    # REJECT
    Case("Israel turned down a request from Egypt to open the Rafah crossing.", "REJECT", "ISR", "EGY"),
    Case("The Serbian president rejected calls for sanctions against Moscow.", "REJECT", "SRB"),
    Case("Tehran brushed aside Western criticism of its nuclear programme.", "REJECT", "IRN"),
    # THREATEN
    Case("China threatened countermeasures if the Dutch restricted chip exports.", "THREATEN", "CHN"),
    Case("Hezbollah warned Israel of a devastating response to any ground incursion.", "THREATEN", target="ISR"),
    # PROTEST
    Case("Farmers drove tractors into central Brussels to protest against EU trade deals.", "PROTEST"),
    Case("Nurses in England staged a two-day walkout over pay.", "PROTEST"),
    Case("Hundreds of residents marched through Tbilisi against the foreign agents law.", "PROTEST"),
    # SANCTION
    Case("Washington imposed visa restrictions on Ugandan officials over the anti-gay law.", "SANCTION", "USA", "UGA"),
    Case("Niger's junta ordered the French ambassador to leave the country.", "SANCTION", "NER", "FRA"),
    Case("Kuwait cut diplomatic ties with the Lebanese government.", "SANCTION", "KWT", "LBN"),
    # MOBILIZE
    Case("Venezuela sent thousands of troops to its border with Guyana.", "MOBILIZE", "VEN", "GUY"),
    Case("South Korea scrambled fighter jets after Chinese bombers entered its air defence zone.", "MOBILIZE", "KOR"),
    # COERCE
    Case("Belarusian authorities sentenced a prominent activist to ten years in prison.", "COERCE", "BLR"),
    Case("Police fired tear gas to disperse crowds in Dakar.", "ASSAULT"),  # CAMEO 175 violent repression: ASSAULT
    Case("Uganda expelled a British journalist.", "COERCE", "UGA", "GBR"),
    Case("Unidentified attackers torched a police station in Manipur.", "COERCE"),
    # ASSAULT
    Case("A drone strike killed a senior militant commander in northern Iraq.", "ASSAULT"),
    Case("Houthi forces fired missiles at a commercial ship in the Red Sea.", "ASSAULT"),
    # negated, feared, conditional, reported
    Case("Ethiopia has not deployed troops to the disputed region, a government spokesman said.", "MOBILIZE", "ETH",
         negated=True, reported_by="a government spokesman"),
    Case("Investors worry that Beijing might impose sanctions on American chipmakers.", "SANCTION", "CHN", "USA",
         hypothetical=True),
    Case("Should the ceasefire collapse, Israeli forces could resume strikes on Rafah.", "ASSAULT", "ISR",
         hypothetical=True),
    Case("Moldova denied that Russian troops had entered its territory.", "REJECT", "MDA"),
    Case("The rebels never surrendered their weapons, witnesses said.", "RETREAT", negated=True,
         reported_by="witnesses"),
    Case("According to Syrian state media, Israeli aircraft bombed the airport in Aleppo.", "ASSAULT", "ISR",
         reported_by="Syrian state media"),
    # no action reported
    Case("The company reported a record profit for the third quarter.", "NONE"),
    Case("Snow fell across much of northern Europe on Sunday.", "NONE"),
    Case("The museum will reopen to visitors in the spring.", "NONE"),
    Case("Inflation in the euro zone slowed to 2.4 percent in November.", "NONE"),
]

BATCH_C = [
    # AGREE
    Case("Oman said it was ready to mediate between Tehran and Washington.", "AGREE", "OMN"),
    Case("The two parties struck a coalition deal late on Sunday, ending weeks of wrangling.", "AGREE"),
    Case("Indonesia has committed to phasing out coal power by 2040.", "AGREE", "IDN"),
    Case("Germany will deliver additional Patriot systems to Ukraine.", "AGREE", "DEU", "UKR"),
    # CONSULT
    Case("Kenya's president hosted his Tanzanian counterpart at State House in Nairobi.", "CONSULT", "KEN", "TZA"),
    Case("Envoys from Armenia and Azerbaijan resumed negotiations in Washington on Monday.", "CONSULT", "ARM"),
    Case("The Pope received the Ukrainian president at the Vatican.", "CONSULT", target="UKR"),
    # SUPPORT
    Case("Brazil's president praised Argentina's new economic plan.", "SUPPORT", "BRA", "ARG"),
    Case("Saudi Arabia and Iran restored diplomatic ties after seven years.", "SUPPORT", "SAU"),
    Case("Norway formally apologised to the Sami people for decades of assimilation policies.", "SUPPORT", "NOR"),
    Case("Japan and the Philippines signed a pact allowing their troops to train together.", "SUPPORT", "JPN", "PHL"),
    # COOPERATE
    Case("Greek and Turkish coast guards jointly rescued 40 migrants off Lesbos.", "COOPERATE", "GRC"),
    # AID
    Case("The European Union disbursed another 1.5 billion euros to Kyiv.", "AID", target="UKR"),
    Case("Egypt opened the Rafah crossing to let aid trucks into Gaza.", "AID", "EGY"),
    # RETREAT
    Case("Chadian forces withdrew from positions near the Sudanese border.", "RETREAT", "TCD"),
    Case("Kidnappers freed a Chinese mining engineer in eastern Congo.", "RETREAT", target="CHN"),
    Case("The Sri Lankan navy returned 20 fishing boats seized from Indian fishermen.", "RETREAT", "LKA"),
    # CONCEDE
    Case("Ecuador's government rescinded the fuel price hike after the protests.", "CONCEDE", "ECU"),
    Case("Myanmar's military government lifted martial law in parts of Yangon.", "CONCEDE", "MMR"),
    # REQUEST
    Case("The Red Cross called for urgent access to detainees in Ethiopia.", "REQUEST"),
    Case("Ireland asked Britain to reconsider its legacy legislation.", "REQUEST", "IRL", "GBR"),
    Case("Teachers' unions are pressing the government for a 10 percent pay rise.", "REQUEST"),
    # ACCUSE
    Case("South Africa accused Israel of genocide at the International Court of Justice.", "ACCUSE", "ZAF", "ISR"),
    Case("Rights groups sharply criticized Tunisia's crackdown on the press.", "ACCUSE", target="TUN"),
    Case("Canada summoned India's top diplomat over the killing of a Sikh activist.", "ACCUSE", "CAN", "IND"),
    Case("Prosecutors in Manila filed graft charges against a former senator.", "ACCUSE"),
    # REJECT
    Case("Moscow dismissed the proposal as unrealistic.", "REJECT", "RUS"),
    Case("Niger refused to allow French flights over its territory.", "REJECT", "NER"),
    Case("The Venezuelan government declined an invitation to the summit.", "REJECT", "VEN"),
    # THREATEN
    Case("Turkey threatened to block Sweden's NATO membership.", "THREATEN", "TUR", "SWE"),
    Case("The rebels vowed to keep fighting until the president resigns.", "THREATEN"),
    # PROTEST
    Case("Thousands rallied in Warsaw to support the opposition.", "PROTEST"),
    Case("Truck drivers blockaded the main highway into Ottawa for a third day.", "PROTEST"),
    Case("Students boycotted classes at three universities in Belgrade.", "PROTEST"),
    # SANCTION
    Case("Britain froze the assets of five Iranian officials.", "SANCTION", "GBR", "IRN"),
    Case("Mali expelled the French ambassador.", "SANCTION", "MLI", "FRA"),
    Case("Azerbaijan suspended gas deliveries to Armenia.", "SANCTION", "AZE", "ARM"),
    # MOBILIZE
    Case("China deployed warships near the Philippine-held shoal.", "MOBILIZE", "CHN"),
    Case("Israel called up 300,000 reservists after the attack.", "MOBILIZE", "ISR"),
    # COERCE
    Case("Russian authorities detained a US journalist in Yekaterinburg.", "COERCE", "RUS", "USA"),
    Case("The junta dissolved the main opposition party.", "COERCE"),
    Case("Hong Kong police arrested four activists under the security law.", "COERCE"),
    # ASSAULT
    Case("Suicide bombers attacked a military base in northern Burkina Faso.", "ASSAULT"),
    Case("Ukrainian drones hit an oil refinery in southern Russia.", "ASSAULT", "UKR", "RUS"),
    Case("Two soldiers were killed when their patrol was ambushed near the border.", "ASSAULT"),
    Case("Witnesses said soldiers beat protesters with batons in Conakry.", "ASSAULT"),
    # negated, feared, conditional, reported
    Case("Pakistan has not expelled any Afghan diplomats, the foreign office said.", "SANCTION", "PAK", "AFG",
         negated=True, reported_by="the foreign office"),
    Case("Officials worry the militia could seize the airport within days.", "COERCE", hypothetical=True),
    Case("Unless the embargo is lifted, the government may declare a state of emergency.", "COERCE",
         hypothetical=True),
    Case("Iraq denied that its forces had shelled the Kurdish town.", "REJECT", "IRQ"),
    # no action reported
    Case("The national team won the regional championship on Saturday.", "NONE"),
    Case("Heavy rain caused flooding in several districts of the capital.", "NONE"),
    Case("The minister's plane landed in Geneva shortly after noon.", "NONE"),
    Case("Shares of the carmaker fell sharply after the announcement.", "NONE"),
]

BATCH_D = [
    Case("Vietnam and the United States upgraded their ties to a comprehensive strategic partnership.", "SUPPORT",
         "VNM"),
    Case("Cuba's foreign minister travelled to Beijing for talks with Chinese officials.", "CONSULT", "CUB", "CHN"),
    Case("Morocco offered to send rescue teams to quake-hit Libya.", "AGREE", "MAR", "LBY"),
    Case("The IMF approved a $3 billion bailout for Egypt.", "AID", target="EGY"),
    Case("Jordan airdropped food parcels into northern Gaza.", "AID", "JOR"),
    Case("Armenian and Russian border guards carried out joint patrols along the frontier.", "COOPERATE", "ARM"),
    Case("Yemen's Houthis released 14 Saudi prisoners as part of an exchange.", "RETREAT", target="SAU"),
    Case("Sudanese paramilitary forces pulled back from the outskirts of the city.", "RETREAT", "SDN"),
    Case("Bangladesh lifted a nationwide curfew imposed during student protests.", "CONCEDE", "BGD"),
    Case("The Philippine president urged Beijing to stop harassing fishermen.", "REQUEST", "PHL", "CHN"),
    Case("Several African leaders appealed to Russia to renew the grain deal.", "REQUEST", target="RUS"),
    Case("Poland's prime minister condemned the attack on a Jewish cemetery.", "ACCUSE", "POL"),
    Case("Thai prosecutors indicted the former prime minister for royal insult.", "ACCUSE", "THA"),
    Case("Guyana rejected Venezuela's claim to the Essequibo region.", "REJECT", "GUY", "VEN"),
    Case("Beijing warned Manila against further provocations in the South China Sea.", "THREATEN", "CHN", "PHL"),
    Case("Workers at the port of Rotterdam went on strike over wages.", "PROTEST"),
    Case("Climate activists glued themselves to a motorway in Munich.", "PROTEST"),
    Case("The United States imposed sanctions on two Chinese shipping firms.", "SANCTION", "USA", "CHN"),
    Case("Ghana recalled its ambassador from Abuja for consultations.", "SANCTION", "GHA", "NGA"),
    Case("Rwanda moved troops and heavy weapons toward the Congolese border.", "MOBILIZE", "RWA"),
    Case("Georgian police detained dozens of demonstrators outside parliament in Tbilisi.", "COERCE", "GEO"),
    Case("Gunmen abducted 30 passengers from a bus in central Nigeria.", "ASSAULT"),
    Case("Mortar fire killed three children in a village near Donetsk, local officials said.", "ASSAULT",
         reported_by="local officials"),
    Case("Chad did not close its border with Sudan, the interior ministry said.", "COERCE", "TCD", "SDN", negated=True,
         reported_by="the interior ministry"),
    Case("Analysts say Ankara could launch a new offensive against Kurdish fighters in Syria.", "ASSAULT", "TUR",
         hypothetical=True),
    Case("The central bank raised interest rates by half a point.", "NONE"),
    Case("The film festival opened in Venice with a record number of premieres.", "NONE"),
    Case("Lebanon's parliament failed to elect a president for the twelfth time.", "NONE"),
]

BATCHES = {"A": BATCH_A, "B": BATCH_B, "C": BATCH_C, "D": BATCH_D}
# Type accuracy of each batch when it was first run, before the fixes it drove (the held-out figures).
FIRST_RUN = {"A": 0.750, "B": 0.707, "C": 0.833, "D": 0.821}
