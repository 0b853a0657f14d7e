"""News-style sentences written for the events coder's tests, not taken from any corpus or dev set:
one or more per PLOVER type in varied wording, negated, feared and reported ones, and sentences that
report no action. Each row: sentence, expected main type ("NONE" for no event), actor and target
country (None: not checked), and the flags negated, hypothetical and the reporter (None: not checked).

BATCH_A was written before the lexicon was reviewed and its misses drove general fixes, so it is no
longer held out; BATCH_B was written after those fixes and measured before any further change.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    sentence: str
    type: str
    actor: str | None = None
    target: str | None = None
    negated: bool = False
    hypothetical: bool = False
    reported_by: str | None = None


BATCH_A = [
    # AGREE
    Case("Ethiopia and Eritrea reached a deal on Thursday to demarcate their shared border, state media reported.",
         "AGREE", "ETH", reported_by="state media"),
    Case("Brazil offered to host the next round of climate negotiations in Belem.", "AGREE", "BRA"),
    Case("The Philippine government pledged to resettle families displaced by the typhoon.", "AGREE", "PHL"),
    Case("Saudi Arabia agreed to resume oil shipments to Pakistan.", "AGREE", "SAU", "PAK"),
    # CONSULT
    Case("Egypt's foreign minister held talks with his Sudanese counterpart in Cairo on Sunday.", "CONSULT", "EGY", "SDN"),
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
    Case("The rebels never surrendered their weapons, witnesses said.", "RETREAT", negated=True, reported_by="witnesses"),
    Case("According to Syrian state media, Israeli aircraft bombed the airport in Aleppo.", "ASSAULT", "ISR",
         reported_by="Syrian state media"),
    # no action reported
    Case("The company reported a record profit for the third quarter.", "NONE"),
    Case("Snow fell across much of northern Europe on Sunday.", "NONE"),
    Case("The museum will reopen to visitors in the spring.", "NONE"),
    Case("Inflation in the euro zone slowed to 2.4 percent in November.", "NONE"),
]
