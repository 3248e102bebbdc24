"""Issue 12 rules for events and figures, pinned with invented sentences (no corpus text)."""
from datetime import date

from mapper.core.events import extract_events
from mapper.core.facts import extract_facts
from mapper.core.sentences import split_sentences

from .helpers import article, place_refs

SPEC = [
    ("Ghent", "gn:ghent", "city", "BE"),
    ("Belgium", "gn:be", "country", "BE"),
    ("Oslo", "gn:oslo", "city", "NO"),
    ("Norway", "gn:no", "country", "NO"),
    ("Lima", "gn:lima", "city", "PE"),
    ("Peru", "gn:pe", "country", "PE"),
    ("Estonia", "gn:ee", "country", "EE"),
    ("Dutch", "gn:nl", "demonym", "NL"),
    ("Chilean", "gn:cl", "demonym", "CL"),
]
PUB = date(2023, 6, 1)


def events_of(text, published=PUB):
    t, sents, refs = article(text, SPEC)
    return extract_events(t, sents, refs, published)


def facts_of(text):
    t, sents, refs = article(text, SPEC)
    return extract_facts(t, sents, refs)


def one(evs, kind):
    found = [e for e in evs if e.kind == kind]
    assert len(found) == 1, evs
    return found[0]


# ---------------------------------------------------------------- figures: country by reference

def test_figure_on_dutch_soil_takes_the_country():
    [f] = facts_of("Nearly 1,800 Allied airmen are buried on Dutch soil.")
    assert (f.kind, f.value, f.qualifier, f.place) == ("buried", 1800, "nearly", "gn:nl")


def test_figure_in_the_republic_takes_the_country_named_before():
    [f] = facts_of("Estonia marked the day quietly. Some 900 soldiers died in the republic in 1944.")
    assert (f.kind, f.value, f.qualifier, f.place) == ("died", 900, "some", "gn:ee")


def test_figure_in_their_country_takes_the_demonym_country():
    [f] = facts_of("Chilean doctors believe at least 40 deaths in their country came from the heat wave.")
    assert (f.value, f.qualifier, f.place) == (40, "at least", "gn:cl")


def test_global_figure_has_no_place():
    facts = facts_of("A fever outbreak hit Peru in May. The fever has killed 300 people worldwide.")
    assert [(f.value, f.place) for f in facts] == [(300, None)]


def test_capital_named_through_its_country_is_the_place():
    [f] = facts_of("At least 12 people were killed in a fire in Peru's capital Lima on Sunday.")
    assert (f.value, f.place) == (12, "gn:lima")


def test_place_that_has_registered_the_figure():
    [f] = facts_of("Ghent has counted nine dead after the storm.")
    assert (f.kind, f.value, f.place) == ("died", 9, "gn:ghent")


def test_hypothetical_figure_is_not_a_figure():
    assert facts_of("Officials in Oslo warned that a new strain could kill thousands of people.") == []


# ---------------------------------------------------------------- planned, invited, postponed

def test_planned_event_is_hedged_and_dated_ahead_of_the_article():
    e = one(events_of("The parade will be held in Ghent on 14 May."), "parade")
    assert e.hedged and e.place == "gn:ghent"
    assert e.date == "2024-05-14"  # 14 May before 1 June 2023 has passed: the next one is meant


def test_invited_event_is_hedged_and_keeps_its_place():
    e = one(events_of("The mayor invited veterans to attend the parade in Ghent."), "parade")
    assert e.hedged and e.place == "gn:ghent"


def test_postponed_event_is_hedged():
    e = one(events_of("The summit in Oslo was postponed until the autumn."), "summit")
    assert e.hedged and e.place == "gn:oslo"


def test_scheduled_funeral_is_hedged():
    e = one(events_of("The funeral is scheduled for 3 July 2023 at a church in Ghent."), "funeral")
    assert e.hedged and e.date == "2023-07-03" and e.place == "gn:ghent"


def test_event_dated_after_the_article_is_hedged():
    e = one(events_of("Delegates meet for a summit in Oslo on 20 September 2023."), "summit")
    assert e.hedged and e.date == "2023-09-20"


def test_past_event_is_not_hedged():
    e = one(events_of("Delegates met for a summit in Oslo on 20 March 2023."), "summit")
    assert not e.hedged


def test_presupposed_trip_under_a_modal_is_not_hedged():
    e = one(events_of("A choir might have lost its luggage during their trip to Oslo."), "visit")
    assert not e.hedged and e.place == "gn:oslo"


# ---------------------------------------------------------------- memorial kinds

def test_exhumation():
    e = one(events_of("Forensic teams began the exhumation of a mass grave near Ghent in March 2021."),
            "exhumation")
    assert (e.date, e.place) == ("2021-03", "gn:ghent")


def test_repatriation_of_remains():
    e = one(events_of("The remains of four airmen were repatriated to Oslo on 3 June 2022."),
            "repatriation")
    assert (e.date, e.place) == ("2022-06-03", "gn:oslo")


def test_repatriation_needs_remains():
    assert [e for e in events_of("Oslo repatriated its gold reserves in 2022.") if e.kind == "repatriation"] == []


def test_wreath_laying():
    e = one(events_of("The ambassador laid a wreath at the war memorial in Ghent on 11 November 2022."),
            "wreath_laying")
    assert (e.date, e.place) == ("2022-11-11", "gn:ghent")


def test_unveiling_of_a_monument():
    e = one(events_of("The mayor unveiled a bronze monument to the fallen in Oslo on 9 May 2021."),
            "unveiling")
    assert (e.date, e.place) == ("2021-05-09", "gn:oslo")


def test_unveiling_needs_a_monument():
    assert [e for e in events_of("The council unveiled a new budget in Oslo in 2021.")
            if e.kind == "unveiling"] == []


def test_restoration_of_a_cemetery():
    e = one(events_of("Restoration of the war cemetery in Ghent was completed in 2020."),
            "cemetery_restoration")
    assert (e.date, e.place) == ("2020", "gn:ghent")


def test_planned_unveiling_is_hedged():
    e = one(events_of("The town is due to unveil a memorial in Ghent next spring."), "unveiling")
    assert e.hedged


# ---------------------------------------------------------------- clause-bound dates and places

def test_date_of_a_relative_clause_is_not_the_events_date():
    e = one(events_of("The ceremony took place in Ghent, where the council was dissolved in March 2019."),
            "ceremony")
    assert e.date is None and e.place == "gn:ghent"


def test_date_of_the_reporting_clause_is_not_the_events_date():
    e = one(events_of("Two people were hurt in an attack in Ghent, police said on 2 May 2023."), "attack")
    assert e.date is None and e.place == "gn:ghent"


def test_date_in_the_triggers_clause_beats_a_nearer_one():
    e = one(events_of("The election in Oslo, which hosted the games in 1952, was held on 11 September 2023."),
            "election")
    assert e.date == "2023-09-11"


def test_weekday_next_to_a_full_date_is_one_date():
    e = one(events_of("The funeral took place on Saturday, 20 May 2023, in Ghent."), "funeral")
    assert e.date == "2023-05-20"


def test_place_naming_the_event_noun():
    e = one(events_of("Voters turned out for the Ghent mayoral election on 5 March 2023."), "election")
    assert e.place == "gn:ghent"


def test_place_struck_by_a_disaster():
    e = one(events_of("A strong earthquake struck northern Norway on 3 May 2021."), "earthquake")
    assert (e.date, e.place) == ("2021-05-03", "gn:no")


def test_where_clause_takes_the_place_before_it():
    evs = events_of("The minister will make a visit to Oslo on Monday, where she is to meet the king.")
    e = one(evs, "meeting")
    assert e.place == "gn:oslo" and e.hedged


def test_place_in_an_according_to_clause_is_not_the_events_place():
    e = one(events_of("The two floods came within hours of each other, according to experts in Ghent."),
            "flood")
    assert e.place is None


def test_descriptive_visiting_is_no_event():
    assert [e for e in events_of("A cousin visiting from Oslo sang at the party.") if e.kind == "visit"] == []


def test_withdrawn_request_is_no_retreat():
    assert [e for e in events_of("The mayor of Ghent withdrew his request in May 2023.")
            if e.kind == "retreat"] == []


# ---------------------------------------------------------------- later rules

def test_predicate_names_an_earlier_event_again():
    evs = events_of("Raiders attacked a depot in Ghent on 2 May 2023. It was a brazen attack on the town.")
    assert [e.kind for e in evs] == ["attack"]


def test_running_for_election_is_no_election():
    assert events_of("Three candidates in Ghent are running for election this year.") == []


def test_election_results_are_no_new_election():
    evs = events_of("The election in Oslo was held on 11 September 2023. The election results surprised many.")
    assert len([e for e in evs if e.kind == "election"]) == 1


def test_possessor_country_qualifies_the_place():
    e = one(events_of("Across eastern Norway's Oslo, flooding shut three bridges on 3 May 2023."), "flood")
    assert e.place == "gn:oslo"


def test_takes_place_this_evening_is_planned():
    e = one(events_of("A second meeting takes place in Ghent this evening."), "meeting")
    assert e.hedged


def test_indefinite_second_event_of_an_anchored_kind_is_kept():
    evs = events_of("A bus crashed in Ghent on 2 May 2023. Later a truck crashed into a wall.")
    assert len([e for e in evs if e.kind == "crash"]) == 2


def test_average_is_not_a_figure():
    assert facts_of("On average there were 3 deaths a year in Ghent.") == []


def test_country_suffering_a_disaster_is_its_place():
    e = one(events_of("Norway has had a wet spring whose storms brought flooding."), "flood")
    assert e.place == "gn:no"


def test_the_same_event_twice_in_one_sentence_is_one_event():
    evs = events_of("Before the 5 May 2024 election in Ghent, posters for the city council election went up.")
    assert len([e for e in evs if e.kind == "election"]) == 1


def test_figure_after_a_sentence_initial_globally_has_no_place():
    facts = facts_of("Peru reported a new case in May. Globally, the fungus has sickened 500 farmers and killed 90 of them.")
    assert [(f.value, f.place) for f in facts] == [(90, None)]


def test_where_people_came_from_is_not_where_they_died():
    facts = facts_of("Gunmen attacked a hotel in Peru. They shot dead 3 tourists from Norway, killing 5 people from Norway.")
    assert all(f.place != "gn:no" for f in facts) and facts


def test_title_line_with_a_period_repeats_the_body_event():
    evs = events_of("Funeral held for two firefighters.\n\nA funeral was held in Ghent on 3 May 2023 for the two men.")
    assert [(e.kind, e.place) for e in evs] == [("funeral", "gn:ghent")]


def test_lives_claimed_are_deaths():
    [f] = facts_of("The storm claimed 50 lives in Ghent.")
    assert (f.kind, f.value, f.place) == ("died", 50, "gn:ghent")


def test_animal_deaths_are_not_casualty_figures():
    assert facts_of("In Ghent 40 sheep deaths were counted and 300 geese have died.") == []


def test_lives_without_a_claiming_verb_are_no_figure():
    assert facts_of("A family of five lives in Ghent.") == []


def test_talks_are_one_happening_not_a_generic_plural():
    evs = events_of("Envoys met in Oslo on 2 May 2023. Later, secret talks between two ministers took place.")
    assert len([e for e in evs if e.kind == "meeting"]) == 2


def test_since_keeps_two_happenings_apart():
    evs = events_of("Two guards were shot in Oslo on 2 May 2023, the worst day since three clerks died "
                    "during a raid in Ghent.")
    attacks = sorted((e.place, e.date) for e in evs if e.kind == "attack")
    assert attacks == [("gn:ghent", None), ("gn:oslo", "2023-05-02")]


def test_bare_plural_without_place_or_date_is_generic():
    assert events_of("She prefers short agendas at parish meetings.") == []


def test_short_sub_heading_line_repeats_the_body_event():
    evs = events_of("Voters in Ghent went to the polls.\nThe election was held in Ghent on 5 March 2023.\n"
                    "City election results\nTurnout was high.")
    assert [(e.kind, e.place) for e in evs] == [("election", "gn:ghent")]


# ---------------------------------------------------------------- round 2 (issue 12, larger benchmark)

def body_events_of(text, published=PUB):
    """Events through the app's own sentence splitter (the test helper makes line 1 a headline)."""
    sents = split_sentences(text)
    return extract_events(text, sents, place_refs(text, sents, SPEC), published)


def test_a_title_run_into_its_story_is_a_title():
    # a short, headline-worded first sentence on the story's line: its event is the story's
    text = "Council meets in Ghent. " + ("The city council held a meeting on Tuesday in Ghent to "
                                        "discuss the harbour budget and the new bridge. ") * 3
    assert [e.sentence for e in body_events_of(text) if e.kind == "meeting"] == [1, 2, 3]
    # a lede is not a title, however short
    text = "The council met in Ghent on Tuesday. " + "It discussed the budget at length. " * 6
    assert [e.sentence for e in body_events_of(text)] == [0]


def test_a_shootout_after_an_attack_is_another_happening():
    evs = events_of("Gunmen attacked a police post in Lima on Sunday. Two of them died later in a shootout.")
    assert {e.kind for e in evs} == {"attack", "battle"}


def test_a_verb_that_repeats_a_summit_is_not_another_event():
    evs = events_of("The two presidents held a summit in Oslo on 3 May 2023. The two leaders met for three hours.")
    assert [e.kind for e in evs] == ["summit"]


def test_tornado_tearing_through_a_town_is_a_storm_there():
    e = one(events_of("A tornado tore through Ghent on Tuesday, ripping roofs from homes."), "storm")
    assert (e.place, e.date) == ("gn:ghent", "2023-05-30")


def test_shots_and_beatings_are_attacks():
    for sentence in ("A man shot her in the leg outside a shop in Lima.",
                     "Shots fired from a car struck a teenager in Lima.",
                     "He is charged in the beating death of a neighbour in Lima."):
        assert one(events_of(sentence), "attack").place == "gn:lima", sentence


def test_funeral_directors_and_homes_are_not_funerals():
    assert events_of("A Ghent funeral director was charged with fraud. His funeral home closed.") == []


def test_a_possessor_makes_a_later_arrest_the_same_arrest():
    evs = events_of("Police arrested Jan Peeters in Ghent on Monday. But Mr Peeters's arrest came days "
                    "after an aide resigned.")
    assert [(e.kind, e.sentence) for e in evs] == [("arrest", 0)]


def test_a_list_of_generic_plurals_is_no_event():
    assert body_events_of("Volunteers help with community events such as festivals, parades, "
                          "meetings and other activities.") == []


def test_burials_counted_are_a_figure_not_a_burial():
    text = "The cemetery holds 4,144 Commonwealth burials, according to the commission."
    assert [e.kind for e in events_of(text)] == []
    assert [(f.kind, f.value) for f in facts_of(text)] == [("buried", 4144)]


def test_was_elected_and_presidential_vote_are_elections():
    assert one(events_of("She was elected mayor of Ghent in 2018."), "election").date == "2018"
    assert one(events_of("Turnout in the presidential vote in Peru was high in 2021."), "election")


def test_a_ceremony_at_the_cemetery_is_at_the_cemetery_named_before():
    evs = events_of("Volunteers restored the Ghent War Cemetery last month. A ceremony will be held "
                    "at the cemetery on June 6.", published=date(2024, 5, 20))
    e = one(evs, "ceremony")
    assert (e.place, e.date, e.hedged) == ("gn:ghent", "2024-06-06", True)


# ---------------------------------------------------------------- figures, round 2

def test_elliptical_list_repeats_the_kind_for_each_place():
    got = [(f.kind, f.value, f.place) for f in
           facts_of("A further three deaths were recorded in Ghent, two in Oslo and one in Lima.")]
    assert got == [("died", 3, "gn:ghent"), ("died", 2, "gn:oslo"), ("died", 1, "gn:lima")]


def test_with_opens_a_clause_about_other_figures():
    [f, *_] = facts_of("Norway's road toll sits at 19, with a further three deaths recorded in Oslo.")
    assert (f.value, f.place) == (19, "gn:no")


def test_the_sentence_subject_place_owns_its_figures():
    [f] = facts_of("Ghent has seen an average of 15 overdoses a month, with dozens more deaths "
                   "still under investigation.")
    assert (f.kind, f.value, f.qualifier, f.place) == ("died", 24, "dozens", "gn:ghent")


def test_people_who_fled_to_a_country_did_not_die_there():
    [f] = facts_of("Many parts of Peru saw violence. More than 600 people were killed, and another "
                   "6,000 have fled to neighbouring Norway.")
    assert f.place == "gn:pe"


def test_superlative_scope_and_country_counts_give_no_place():
    facts = facts_of("Ghent War Cemetery lies in Belgium. The cemetery, the largest of the war in "
                     "Norway, holds 2,000 graves. The commission cares for 1.7 million graves in "
                     "more than 150 countries.")
    assert [(f.value, f.place) for f in facts] == [(2000, "gn:ghent"), (1_700_000, None)]


def test_buried_there_takes_the_place_just_spoken_of():
    facts = facts_of("The Lima cemetery holds 300 graves. More than 500 soldiers are also buried there.")
    assert [(f.value, f.place) for f in facts] == [(300, "gn:lima"), (500, "gn:lima")]


def test_toll_across_a_decimal_magnitude():
    [f] = facts_of("The death toll from a magnitude 6.8 earthquake that struck eastern Peru on "
                   "Friday night rose to 41 on Sunday.")
    assert (f.kind, f.value, f.place) == ("died", 41, "gn:pe")


def test_planning_figures_are_not_counts():
    assert facts_of("Officials are prepared to handle only 48,000 deaths in Peru. The worst case "
                    "of 320,000 deaths is projected to delay burials.") == []


def test_a_date_possessive_is_not_a_reference_back():
    evs = body_events_of("Funeral held for two firefighters in Ghent. Thousands of firefighters turned "
                         "out for Friday's funeral in Ghent, officials said. " +
                         "Both men had served the city's fire brigade for more than twenty years. " * 3)
    assert [(e.kind, e.sentence, e.place) for e in evs] == [("funeral", 1, "gn:ghent")]


def test_more_ways_of_dying_and_counting_people():
    cases = {"Twelve Americans were killed in Lima.": [("killed", 12, "gn:lima")],
             "The blast killed 12 and injured 40 in Lima.": [("killed", 12, "gn:lima"), ("wounded", 40, "gn:lima")],
             "Three people drowned off Peru.": [("died", 3, "gn:pe")],
             "Two men were shot dead in Lima.": [("killed", 2, "gn:lima")],
             "Four migrants burned to death in a truck in Peru.": [("died", 4, "gn:pe")]}
    for text, expected in cases.items():
        assert [(f.kind, f.value, f.place) for f in facts_of(text)] == expected, text


def test_words_of_happenings_in_other_senses_are_no_events():
    from mapper.core.events import find_triggers
    for sentence in ("The plan will meet the needs of residents.", "The council met the deadline.",
                     "Visit our website for details.", "The firm was awarded a contract worth millions.",
                     "The meeting room was full.", "A flood of calls reached the office.",
                     "She won her legal battle against the council.", "He is fighting cancer.",
                     "The stock market crash hurt savers.", "He died of cardiac arrest.",
                     "They spoke about free speech.", "It was an invasion of privacy.",
                     "They reached the summit of Mount Kenya."):
        assert find_triggers(sentence) == [], sentence
    for sentence, kind in (("They met in Oslo.", "meeting"), ("She was awarded a medal.", "award"),
                           ("Fighting broke out in the north.", "battle")):
        assert [t.kind for t in find_triggers(sentence)] == [kind], sentence
