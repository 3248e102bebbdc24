from datetime import date

from mapper.core.events import extract_events, find_actors, find_triggers

from .helpers import RU, SAMPLE_PUBLISHED, article, sample

PYONGYANG, SUNCHON, VLADIVOSTOK, WONSAN = "gn:1871859", "gn:1877449", "gn:2013348", "gn:1873757"

SPEC = [
    ("Geneva", "gn:geneva", "city", "CH"),
    ("Switzerland", "gn:ch", "country", "CH"),
    ("Russian", "gn:ru", "demonym", "RU"),
    ("Dubai", "gn:dubai", "city", "AE"),
    ("Afghan", "gn:af", "demonym", "AF"),
    ("Kabul", "gn:kabul", "city", "AF"),
    ("Turkey", "gn:tr", "country", "TR"),
    ("Kahramanmaras", "gn:kahramanmaras", "city", "TR"),
    ("Normandy", "rg:normandy", "region", "FR"),
    ("France", "gn:fr", "country", "FR"),
    ("Colleville-sur-Mer", "gn:colleville", "city", "FR"),
    ("Normandy American Cemetery", "lm:nac", "landmark", "FR"),
    ("Brasilia", "gn:brasilia", "city", "BR"),
    ("Paris", "gn:paris", "city", "FR"),
    ("Kyiv", "gn:kyiv", "city", "UA"),
    ("Ukraine", "gn:ua", "country", "UA"),
]


def events_of(text, published=date(2023, 2, 7)):
    t, sents, refs = article(text, SPEC)
    return extract_events(t, sents, refs, published)


def sample_events():
    text, sents, refs = sample()
    return extract_events(text, sents, refs, SAMPLE_PUBLISHED)


def test_sample_ceremony_in_pyongyang_on_publication_day():
    evs = [e for e in sample_events() if e.kind == "ceremony" and e.date == "2020-05-05"]
    assert len(evs) == 1
    e = evs[0]
    # "at the Mansudae Palace of Congress, Pyongyang" -> the city
    assert e.place == PYONGYANG and e.date_text == "Tuesday" and not e.hedged
    assert e.summary == "ceremony in Pyongyang on 2020-05-05"
    assert "Ri Yong Ho" in e.actors and not any("Minister" in a for a in e.actors)


def test_sample_one_event_for_ceremony_and_presentation():
    evs = [e for e in sample_events() if e.sentence == 2]
    assert [e.kind for e in evs] == ["ceremony"]


def test_sample_reappearance_at_sunchon_on_friday():
    [e] = [e for e in sample_events() if e.place == SUNCHON]
    assert e.kind in ("appearance", "visit") and e.date == "2020-05-01" and not e.hedged
    assert "Kim" in e.actors
    # Pyongyang is only the reference point of "28 miles north of Pyongyang"
    assert e.place != PYONGYANG


def test_sample_agreement_in_vladivostok_april_2019():
    [e] = [e for e in sample_events() if e.kind in ("agreement", "summit")]
    assert e.place == VLADIVOSTOK and e.date == "2019-04" and e.date_text == "April 2019"


def test_sample_hedged_retreat_near_wonsan():
    [e] = [e for e in sample_events() if e.kind == "retreat"]
    assert e.place == WONSAN and e.hedged and e.date is None
    assert e.summary.endswith("(reported)")


def test_sample_liberation_1945():
    evs = [e for e in sample_events() if e.kind == "liberation"]
    assert evs and evs[0].date == "1945"
    assert len(evs) == 1  # "the liberation of Korea" later repeats it


def test_sample_visit_to_russia_and_meeting_in_vladivostok():
    evs = [e for e in sample_events() if e.kind in ("visit", "meeting") and e.place in (RU, VLADIVOSTOK)]
    kinds = {(e.kind, e.place) for e in evs}
    assert ("visit", RU) in kinds and ("meeting", VLADIVOSTOK) in kinds
    visit = next(e for e in evs if e.kind == "visit")
    assert visit.date == "2019" and "Vladimir Putin" in visit.actors


def test_sample_invariants():
    evs = sample_events()
    assert [e.id for e in evs] == [f"e{i}" for i in range(1, len(evs) + 1)]
    assert [e.sentence for e in evs] == sorted(e.sentence for e in evs)
    text, sents, refs = sample()
    # an event place is always a real (non-demonym) place mention of the article
    located = {r.place_id for r in refs if r.kind != "demonym"}
    assert all(e.place is None or e.place in located for e in evs)
    # headline triggers ("Awards", "Re-Emerges") duplicate body events
    assert not any(e.sentence == 0 for e in evs)
    # nothing is dated by the publication date unless the text says so
    assert all(e.date is None or e.date_text for e in evs)


def test_following_the_ceremony_is_not_a_new_ceremony():
    evs = sample_events()
    assert sum(1 for e in evs if e.kind == "ceremony" and e.date == "2020-05-05") == 1
    meeting = next(e for e in evs if e.sentence == 6)
    assert meeting.kind == "meeting" and meeting.place == PYONGYANG


def test_summit_in_geneva():
    evs = events_of("Biden and Putin meet in Geneva\n\n"
                    "President Joe Biden and Russian President Vladimir Putin held a summit in "
                    "Geneva, Switzerland, on June 16, 2021. The two leaders met for about three hours.")
    assert len(evs) == 1
    e = evs[0]
    assert (e.kind, e.place, e.date, e.hedged) == ("summit", "gn:geneva", "2021-06-16", False)
    assert set(e.actors) == {"Joe Biden", "Vladimir Putin"}


def test_reportedly_fled_to_dubai_is_hedged():
    [e] = events_of("Afghan president flees\n\n"
                    "Ashraf Ghani reportedly fled to Dubai on Sunday as the Taliban entered Kabul.")
    assert (e.kind, e.place, e.date, e.hedged) == ("retreat", "gn:dubai", "2023-02-05", True)
    assert e.actors[0] == "Ashraf Ghani"


def test_unhedged_when_attribution_is_not_speculation():
    [e] = events_of("Headline\n\nThe minister visited Kyiv on Monday, according to the ministry.")
    assert (e.kind, e.place, e.date, e.hedged) == ("visit", "gn:kyiv", "2023-02-06", False)


def test_earthquake_in_turkey():
    [e] = events_of("Quake kills thousands\n\n"
                    "A magnitude 7.8 earthquake struck southern Turkey near Kahramanmaras on Monday.")
    assert (e.kind, e.date) == ("earthquake", "2023-02-06")
    assert e.place == "gn:kahramanmaras"  # the most specific place in the locative phrase chain


def test_memorial_service_at_war_cemetery_in_france():
    evs = events_of("D-Day veterans honoured\n\n"
                    "Veterans gathered at the Normandy American Cemetery in Colleville-sur-Mer, "
                    "France, for a memorial service on 6 June 2024. Most of the soldiers buried "
                    "there died during the invasion of Normandy in 1944.")
    kinds = {e.kind: e for e in evs}
    ms = kinds["memorial_service"]
    assert ms.date == "2024-06-06" and ms.place in ("lm:nac", "gn:colleville")
    inv = kinds["invasion"]
    assert (inv.place, inv.date) == ("rg:normandy", "1944")


def test_planned_and_modal_events_are_hedged():
    evs = events_of("Headline\n\nThousands of supporters protested in Brasilia yesterday. "
                    "Lula may visit Paris next week.")
    protest = next(e for e in evs if e.kind == "protest")
    assert (protest.place, protest.date, protest.hedged) == ("gn:brasilia", "2023-02-06", False)
    visit = next(e for e in evs if e.kind == "visit")
    assert visit.place == "gn:paris" and visit.hedged
    assert "Thousands" not in protest.actors


def test_no_place_is_invented():
    [e] = events_of("Headline\n\nThe two sides signed a ceasefire agreement on Friday.")
    assert e.kind == "agreement" and e.place is None and e.date == "2023-02-03"


def test_no_date_is_invented():
    [e] = events_of("Headline\n\nRescuers said the flood in Kyiv destroyed hundreds of homes.")
    assert e.kind == "flood" and e.place == "gn:kyiv" and e.date is None


def test_triggers_ignore_names_intentions_and_figures_of_speech():
    assert find_triggers("He was taken to the Liberation Monument.") == []
    assert find_triggers("They made efforts to commemorate the dead.") == []
    assert find_triggers("He suffered a heart attack.") == []
    assert [t.kind for t in find_triggers("Rebels attacked the town.")] == ["attack"]
    assert [t.kind for t in find_triggers("He presented the medal at a ceremony.")] == [
        "award", "ceremony"]
    assert find_triggers("He presented a report.") == []


def test_actors_strip_titles_and_places():
    s = "North Korean Foreign Minister Ri Yong Ho met President Vladimir Putin in Moscow."
    from mapper.core.placeref import PlaceRef
    places = [PlaceRef(0, 12, "North Korean", 0, "kp", "demonym", "KP"),
              PlaceRef(s.index("Moscow"), s.index("Moscow") + 6, "Moscow", 0, "msk", "city", "RU")]
    names = [n for _, _, n in find_actors(s, 0, places)]
    assert names == ["Ri Yong Ho", "Vladimir Putin"]
