"""Issue 12 rules for events and figures, pinned with invented sentences (no corpus text)."""
from datetime import date

from mapper.core.events import extract_events
from mapper.core.facts import extract_facts

from .helpers import article

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
