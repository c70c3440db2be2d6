"""Trigger words for the PLOVER event types, written from the PLOVER codebook.

Each type lists its triggers by mode (``None`` when the word says nothing about the
mode). A trigger is a word or a phrase; the first word of a phrase and every single
word are inflected (``condemn`` also matches ``condemns``, ``condemned``,
``condemning``); irregular forms are listed in :data:`IRREGULAR`. Words that often
mean something else (``strike``, ``charge``, ``fire``) carry a lower weight, written
as a trailing ``~``, so that one of them alone is weak evidence.

The lists come from the codebook's definitions and from general English, not from
any evaluation sentence: the gold sets only measure them.
"""

from __future__ import annotations

from collections.abc import Iterator

#: ``{type: {mode: "trigger, trigger~, two word phrase"}}``.
TRIGGERS: dict[str, dict[str | None, str]] = {
    "AGREE": {
        None: "agree to, agreed to, pledge, promise, vow~, offer, commit to, committed to, "
        "willing to, willingness, ready to, readiness, intend to, propose, proposal~, "
        "expressed hope, invite, invitation, accept~, consent, undertake, "
        "memorandum of understanding, open to, prepared to, keen to, determined to, "
        "guarantee, assure~, deal~, accord~, plan to~, hope to~, "
        "expressed willingness, expressed readiness, expressed interest, expressed intent, "
        "agreed on, agree on, agreed, will sign, would sign, to sign~, look forward to, "
        "looking forward to, aims to~, seeks to~, signal~, intends~, pledged to, offered to, "
        "announced plans~, ready for, open the door~, extend an invitation, "
        "extended an invitation, would help~, will help~, would provide~, will provide~",
    },
    "CONSULT": {
        None: "meet, meeting, talks, talk with, talked with, discuss, discussion, consult, "
        "consultation, negotiate, negotiation, confer, spoke with, spoke to, speak with, "
        "mediate, mediation, dialogue, hold talks, held talks, met with, sit down with, "
        "conversation, exchanged views, exchange views, convene, envoy~, delegation~, "
        "brief~, gathering~, talked, spoke~, hosted talks, round of talks, consulted, "
        "met, consultations, negotiators~, mediator~, mediated",
        "visit": "visit, host, trip to, tour~, arrive in, arrived in, received~, "
        "welcomed~ to, state visit",
        "phone": "phone, telephone, phone call, video conference, videoconference, "
        "video call, call with, spoke by phone, virtual meeting",
        "multilateral": "summit, conference~, forum~",
    },
    "SUPPORT": {
        None: "praise, commend, hail, welcome, applaud, endorse, back~, support, laud, "
        "congratulate, thank, defend, stand with, solidarity, approve, ratify, sign, "
        "signed, recognize, recognise, recognition, apologize, apologise, apology, "
        "forgive, pay tribute, appreciate, side with, voice support, backing, "
        "establish diplomatic relations, restore ties, restored ties, normalize, "
        "normalise, reaffirm, reaffirmed, embrace, vouch, salute, gratitude, agreed with, "
        "vote for, voted for, in favor of, in favour of, encourage~, reassure, condolences, "
        "sympathy, honor~, honour~, award~, champion~, friendship, backed, supported, "
        "expressed support, voiced support, lent support, stood by, stand by, hailed, "
        "signed an agreement, signed a deal, signed a treaty, concluded~, sealed~, inked~, "
        "finalize~, finalise~, upgrade ties, improve ties, improved ties, restore relations, "
        "restored relations, resume diplomatic, resumed diplomatic, diplomatic relations~, "
        "diplomatic ties~, establish ties, established ties, establish diplomatic ties, "
        "diplomatic cooperation, "
        "affirm~, uphold~, favour~, favor~, trust~, admire~, respect~, positive~",
    },
    "COOPERATE": {
        None: "cooperate, cooperation, co-operate, collaborate, collaboration, partner~, "
        "partnership, work together, worked together, team up, teamed up, join forces, "
        "joined forces, alliance~, exchange~, coordinate, coordination, joint~, "
        "sell~, sold~, purchase~, contract~, jointly, joint venture, cooperated, "
        "collaborated, partnered, bilateral trade, trade ties, economic ties, "
        "security cooperation, military cooperation, technical cooperation, "
        "exchanged~, swap~, trade~, exports~, imports~, coordinated, together~",
        "military": "joint exercise, joint exercises, joint drills, joint patrol, "
        "joint maneuvers, joint manoeuvres, military games, military exchanges, "
        "joint patrols, war game, war games, joint military",
        "economic": "trade deal, trade agreement, invest~, investment~, free trade",
        "legal": "extradite, extradition, hand over~, judicial cooperation, legal cooperation",
        "intelligence": "share~, share intelligence, shared intelligence, intelligence sharing, "
        "share information, shared information, exchange information, exchanged information, "
        "exchange intelligence, exchanged intelligence, information sharing, intelligence exchange",
    },
    "AID": {
        None: "aid, assistance, assist~, donate, donation, provide~, supply~, deliver~, "
        "help~, contribute~, give~, gave~, relief, rescue, evacuate~, send~, sent~, "
        "supplies, equip~, airlift, distribute~, reconstruction, compensation~, "
        "take in~, took in~, protect~, provided, supplied, donated, delivered, "
        "handed out, distributed, aid package, assistance package, package~, "
        "helped~, gifted, pledged~, allocated~, disbursed, granted, sheltered, "
        "hosted refugees, medicine~, food~, fuel~, blankets, tents, equipment~, "
        "rescued, rescue team, aid workers, relief supplies",
        "economic": "loan, grant~, fund~, funding, finance~, bailout, subsidy, "
        "debt relief, financial support, financial aid, economic aid, write off, "
        "loan guarantee~, credit line, line of credit, debt forgiveness, forgive debt~, "
        "cancel debt",
        "military": "arms, weapons deliveries, military aid, military assistance, "
        "train~, arm~, security assistance, sell weapons, sold weapons, sell arms, "
        "sold arms, arms sales, arms sale, weapons sales, supply weapons, "
        "supplied weapons, deliver weapons, delivered weapons, military hardware",
        "humanitarian": "humanitarian, food aid, medical supplies, vaccines, shelter~, "
        "emergency aid",
        "asylum": "asylum, refuge",
        "peacekeeping": "peacekeepers, peacekeeping",
    },
    "CONCEDE": {
        None: "concede, concession, back down, backed down, give in, gave in, yield, "
        "relent, compromise~, reverse~, accede, acquiesce, give up, gave up, "
        "pardon, amnesty, reprieve, drop~, dropped~, abandon~, ease~, eased~, "
        "loosen, relax~, scrap~, waive, commute, comply, obey, submit~, "
        "accept demands, reinstate~, restore~, reopen~, allow~, permit~",
    },
    "RETREAT": {
        None: "retreat, surrender, back off, dismantle, cease~, stop~, end~",
        "withdraw": "withdraw, withdrawal, pull out, pulled out, pull back, pulled back, "
        "pullout, evacuate~",
        "release": "release, free~, freed, set free, let go, hand over~, handed over~, repatriate",
        "return": "return~, returned~, hand back, handed back, give back",
        "ease": "lift, lifted, unfreeze, unfroze",
        "disarm": "disarm, demobilize, demobilise, lay down arms, decommission",
        "ceasefire": "ceasefire, cease fire, truce, armistice",
        "access": "allow access, grant access, granted access, let in, allowed in",
        "resign": "resign, resignation, step down, stepped down, quit~",
    },
    "REQUEST": {
        None: "urge, call for, called for, calls for, call on, called on, calls on, "
        "demand, ask, request, appeal, plead, press~, push for, pushed for, seek, sought, "
        "petition, implore, insist, exhort, beseech, lobby~, pressure~, pressed for, "
        "suggest~, recommend~, advise~, require~, instruct~, want~, asked for, asked, "
        "urged, appealed, demanded, requested, sought, invited~ to, pleaded, pressed, "
        "order~, ordered~, told~, should~, must~, needs to~, encouraged~, "
        "called upon, calls upon, call upon, pushing for, appeal to, appealed to",
    },
    "ACCUSE": {
        "disapprove": "criticize, criticise, criticism, condemn, condemnation, denounce, "
        "decry, slam, lambast, rebuke, deplore, complain, complaint, censure, "
        "disapprove, object to, objected to, hit out, lash out, lashed out, chide, "
        "scold, berate, castigate, deride, fault~, took aim, expressed concern, "
        "voiced concern, raised concerns, blast~, attack~, question~, doubt~, mock, "
        "ridicule, insult, reproach, dismay, outrage, angered, disappointment, "
        "disappointed, regret~, frustration, concern~, denigrate, smear",
        "allege": "accuse, accusation, allege, allegation, blame, sue, lawsuit, "
        "filed suit, file suit, indict, indictment, prosecute, prosecution, charge~, "
        "charged, convict, conviction, guilty, sentence~, verdict, impeach, "
        "impeachment, summon~, trial~, tried~, fine~, fined, penalize, penalise, "
        "subpoena, testify~, sentenced~, legal action, take legal action, took legal action, "
        "brought to trial, put on trial, bring to trial, defame, defamation",
        "investigate": "investigate, investigation, probe, inquiry, enquiry, look into, "
        "looking into, audit~, examine~",
    },
    "REJECT": {
        None: "reject, rejection, refuse, refusal, deny, denial, dismiss, rebuff, "
        "veto, oppose, opposition~, turn down, turned down, declined to, decline to, "
        "defy, defiance, spurn, resist, repudiate, rule out, ruled out, snub, "
        "disagree, dispute~, brush off, brushed off, shrug off, shrugged off, "
        "vote against, voted against, block~, blocked~, disregard, ignore~, refute, "
        "contest~, challenge~, unacceptable, no intention, not accept",
    },
    "THREATEN": {
        None: "threaten, threat, warn, warning, ultimatum, menace, intimidate, "
        "intimidation, vowed to retaliate, retaliation, retaliate, would face, "
        "will face, risk~, revenge, avenge, consequences~, punish~, punishment~, "
        "retaliatory, warned, threatened, vowed revenge, dire consequences, pay a price, "
        "pay the price, heavy price, hit back, strike back, respond forcefully, "
        "would respond~, will respond~, red line, all options, not hesitate, "
        "blackmail, saber rattling, sabre rattling, retribution, could face, deadline~, "
        "or else, declare war, warned of, threatening",
    },
    "PROTEST": {
        "demo": "protest~, protested~, staged a protest, held a protest, mass protest, "
        "street protests, protest march, anti government, rallied, took part in a rally, "
        "held a rally, staged a rally, gathered outside, demonstrated, demonstrations, "
        "banners~, sit down, occupied~, protester, protesters, protestor, protestors, demonstrate, "
        "demonstration, demonstrator, rally, march~, marched, marcher, sit in, "
        "take to the streets, took to the streets, vigil, picket, chant~, slogans, "
        "placards, crowd~, gathered~",
        "riot": "riot, rioter, rioting, unrest",
        "strike": "on strike, general strike, went on strike, go on strike, walkout, "
        "walk out, walked out, strikers, striking workers",
        "hunger": "hunger strike",
        "boycott": "boycott, boycotted, stayed away~",
        "obstruct": "blockade~, barricade",
    },
    "MOBILIZE": {
        "troops": "mobilize, mobilise, mobilization, mobilisation, deploy, deployment, "
        "send troops, sent troops, massed troops, troop buildup, build up~, "
        "reinforcements, reinforce, dispatch~, station~, stationed, conscript, buildup, "
        "military buildup, amass, massed, beef up, bolster~, call up, called up, "
        "reservists, troops~, warship~, warships~, send warships, sent warships, "
        "send warplanes, sent warplanes, deploy warships, deployed warships, scramble~, "
        "patrol~, drill~, drills~, exercise~, maneuvers, manoeuvres",
        "police": "high alert, on alert, put on alert, police presence, tighten security, "
        "tightened security, step up security, stepped up security, heightened security",
        "weapons": "test fire, test fired, missile test, nuclear test, launched a missile, "
        "launched missiles, missile launch, weapons test, ballistic missile",
    },
    "SANCTION": {
        None: "sanction, sanctions, embargo",
        "withdraw": "withdraw from, withdrew from, pull out of, pulled out of, "
        "pulled out from, exit~, recall~, recalled~",
        "discontinue": "sever, severed, cut ties, cut off, break off, broke off, suspend, "
        "suspension, halt, freeze, froze, terminate, cancel, downgrade, blacklist, "
        "tariff~, tariffs~, restrict trade, call off, called off, postpone~, "
        "curb~, reduce~, visa ban, revoke, withhold",
        "expel": "expel, expulsion, kick out, kicked out, oust, expelled, exclude, "
        "exclusion, isolate~",
    },
    "COERCE": {
        "arrest": "arrest, detain, detention, jail, imprison, imprisonment, custody, "
        "house arrest, round up, rounded up, apprehend, capture~, interrogate, "
        "persecute, persecution, harass, harassment",
        "seize": "raid~, seize, seizure, confiscate, search~, occupy, occupation, annex, "
        "annexation, take control, took control, storm~, evict, eviction, expropriate, "
        "nationalize, nationalise, freeze assets, froze assets, asset freeze, impound, "
        "intercept~",
        "ban": "ban, outlaw, prohibit, forbid, shut down, shutdown~, close~, closed~, "
        "bar~, barred, disband, dissolve~, disqualify, strip~, stripped~",
        "censor": "censor, censorship, block access",
        "curfew": "curfew, state of emergency, martial law, lockdown~",
        "deport": "deport, deportation, expel~",
        "restrict": "restrict~, restriction, crackdown, crack down, cracked down, "
        "coerce, blockade, impose, imposed, force~, forced~, cordon off, cordoned off, cordon~, "
        "shut off~, cut off power, internet shutdown, suppress, repress, "
        "repression, coup, overthrow, topple, depose, surveillance, spy on, wiretap, "
        "order~, ordered~",
        "cyber": "hack, hacked, hacking, cyberattack, cyber attack, cyberattacks, cyber attacks, "
        "cyber warfare, cyberwarfare, security breach, "
        "disinformation, misinformation",
    },
    "ASSAULT": {
        None: "attack, assault, kill, killing, murder, wound, injure~, clash, clashes, "
        "fighting, fight~, fought~, battle~, offensive~, ambush, invade, invasion, "
        "war~, violence, slay, slain, lynch, casualties, dead~, died~, massacre, "
        "hostilities, strike~, struck~, target~, hit~, destroy, demolish, raze, "
        "storm~, terror attack, wounded, injured, gunned down, shot dead, fire~, "
        "fired~, launched an attack, launch an attack, besiege, siege, pound~, loot, "
        "looted, looting, vandalize, vandalism, arson, detonate, blew up, blow up, "
        "assail, gun battle, firefight, skirmish, counterattack, counteroffensive, "
        "overrun, recapture, crush~",
        "firearms": "shoot, shooting, shot, gunfire, open fire, opened fire, fired on, "
        "fired at, gunmen, gunman, sniper",
        "explosives": "bomb, bombing, bomber, explosion, explode, blast~, car bomb, "
        "roadside bomb, ied, grenade, landmine",
        "suicide-attack": "suicide bomber, suicide bombing, suicide attack",
        "heavy-weapons": "shell, shelling, artillery, rocket, rockets, mortar, tank~, "
        "bombard, bombardment, missile strike, missiles",
        "aerial": "airstrike, airstrikes, air strike, air strikes, air raid, warplanes, "
        "bombing raid",
        "drone": "drone strike, drone attack, drones~",
        "abduct": "abduct, kidnap, hijack, hostage, abduction",
        "torture": "torture",
        "sexual": "rape, sexual assault, sexual violence",
        "assassinate": "assassinate, assassination",
        "execute": "execute, execution, behead, hang~, hanged",
        "beat": "beat~, beating, stab, stabbing",
        "primitive": "set fire, set on fire, torch, burned~, machete",
        "crowd-control": "tear gas, teargas, water cannon, rubber bullets, baton charge",
        "massacre": "genocide, mass killing, mass killings, slaughter",
        "cleansing": "ethnic cleansing, mass expulsion, mass expulsions",
        "unconventional": "chemical weapons, chemical attack, nerve agent, nuclear attack",
    },
}

#: Triggers whose CAMEO code lies outside the codes PLOVER maps (roots 01 "make a
#: public statement" and 02 "appeal"): the PLOVER type stays, the code says that the
#: event is a comment or an appeal rather than a demand or an accusation. Keys are
#: base forms; their inflections ("urges", "denied") share the code.
CAMEO_OF_TRIGGER: dict[str, str] = {
    # 020 appeal: CAMEO keeps asking, urging and calling on apart from demanding (100).
    "urge": "020",
    "urged": "020",
    "call on": "020",
    "called on": "020",
    "calls on": "020",
    "call upon": "020",
    "called upon": "020",
    "appeal": "020",
    "appealed": "020",
    "appeal to": "020",
    "appealed to": "020",
    "ask": "020",
    "asked": "020",
    "asked for": "020",
    "request": "020",
    "requested": "020",
    "seek": "020",
    "sought": "020",
    "plead": "020",
    "pleaded": "020",
    "encourage": "020",
    "encouraged": "020",
    # 012 pessimistic comment, 013 optimistic comment, 018 condolences.
    "expressed concern": "012",
    "voiced concern": "012",
    "raised concerns": "012",
    "concern": "012",
    "disappointment": "012",
    "disappointed": "012",
    "dismay": "012",
    "frustration": "012",
    "regret": "012",
    "expressed hope": "013",
    "condolences": "018",
    "sympathy": "018",
    # 016 deny responsibility (a denial of an accusation), 019 express accord.
    "deny": "016",
    "denial": "016",
    "agreed with": "019",
}

#: Irregular verb forms and plurals that plain suffix rules miss.
IRREGULAR: dict[str, tuple[str, ...]] = {
    "meet": ("met",),
    "fight": ("fought",),
    "shoot": ("shot",),
    "withdraw": ("withdrew", "withdrawn"),
    "strike": ("struck", "stricken"),
    "seek": ("sought",),
    "give": ("gave", "given"),
    "send": ("sent",),
    "speak": ("spoke", "spoken"),
    "beat": ("beaten",),
    "break": ("broke", "broken"),
    "freeze": ("froze", "frozen"),
    "forgive": ("forgave", "forgiven"),
    "forbid": ("forbade", "forbidden"),
    "undertake": ("undertook", "undertaken"),
    "slay": ("slew", "slain"),
    "hang": ("hung",),
    "hit": ("hit",),
    "quit": ("quit",),
    "set": ("set",),
    "cut": ("cut",),
    "let": ("let",),
    "lay": ("laid",),
    "leave": ("left",),
    "take": ("took", "taken"),
    "hold": ("held",),
    "rise": ("rose", "risen"),
}

#: Weight of a trigger marked with ``~`` (an ambiguous word).
WEAK = 0.5

#: The types whose verb governs a following event: in "threatened to impose
#: sanctions" or "called for the release", the event is the threat or the request.
GOVERNING = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE"})

_DOUBLED_FINAL = frozenset("bdgmnprt")


def inflections(word: str) -> set[str]:
    """``word`` with its regular -s, -ed and -ing forms and its listed irregular ones."""
    forms = {word, *IRREGULAR.get(word, ())}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        stem = word[:-1]
        forms |= {stem + "ies", stem + "ied", word + "ing"}
    elif word.endswith("e"):
        forms |= {word + "s", word + "d", word[:-1] + "ing"}
    else:
        suffix_s = "es" if word.endswith(("s", "sh", "ch", "x", "z")) else "s"
        forms |= {word + suffix_s, word + "ed", word + "ing"}
        if _is_short_closed(word):
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def _is_short_closed(word: str) -> bool:
    # "ban" -> "banned", "stop" -> "stopped", "commit" -> "committed".
    return (
        len(word) >= 3
        and word[-1] in _DOUBLED_FINAL
        and word[-2] in "aeiou"
        and word[-3] not in "aeiou"
    )


def entries() -> Iterator[tuple[tuple[str, ...], str, str | None, float]]:
    """Every trigger as ``(words, type, mode, weight)``, its first word inflected."""
    for event_type, by_mode in TRIGGERS.items():
        for mode, text in by_mode.items():
            for raw in text.split(","):
                phrase = raw.strip()
                if not phrase:
                    continue
                weight = WEAK if phrase.endswith("~") else 1.0
                words = phrase.rstrip("~").replace("-", " ").split()
                for first in inflections(words[0]):
                    yield (first, *words[1:]), event_type, mode, weight


def word_set(text: str) -> frozenset[str]:
    """The blank-separated words of ``text``."""
    return frozenset(text.split())


#: Words that place a sentence in sports, business, culture, science or weather.
OFF_TOPIC = word_set(
    """
    match season league goal goals scored coach tournament championship cup innings lap
    quarter semi final finals striker midfielder marathon olympic olympics player players
    fans stadium qualifying shares stock stocks profit profits revenue sales earnings
    quarterly investors customers retailer stores startup album song songs film movie
    novel exhibition concert orchestra festival museum actor actress band symphony gallery
    theatre theater study researchers scientists galaxy planet telescope species genome
    fossil asteroid spacecraft enzyme rain snow temperatures weather forecasters forecast
    degrees recipe flour points game games win champion champions analysts inflation
    airline battery engineers maintenance storm winds hurricane rainfall
    """
)

#: Words that mark political actors or stakes: with one of them, OFF_TOPIC is ignored.
POLITICAL = word_set(
    """
    government governments minister ministers ministry president premier prime parliament
    lawmakers legislators senator senate congress police army military troops soldiers
    rebels militants insurgents officials authorities opposition party embassy ambassador
    diplomat diplomats court judge prosecutor prosecutors regime protesters activists
    union unions ceasefire war election elections leader leaders forces state talks treaty
    sanctions nato un eu kremlin pentagon militia refugees border terrorist terrorists
    security mayor governor king queen cabinet administration weapons weaponry
    """
)
