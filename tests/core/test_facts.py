from mapper.core.facts import extract_facts, parse_number, summarise_facts

from .helpers import KP, article, sample

SPEC = [
    ("Turkey", "gn:tr", "country", "TR"),
    ("Kahramanmaras", "gn:kahramanmaras", "city", "TR"),
    ("Syria", "gn:sy", "country", "SY"),
    ("France", "gn:fr", "country", "FR"),
    ("Normandy", "rg:normandy", "region", "FR"),
    ("Colleville-sur-Mer", "gn:colleville", "city", "FR"),
    ("Normandy American Cemetery", "lm:nac", "landmark", "FR"),
    ("American", "gn:us", "demonym", "US"),
    ("German", "gn:de", "demonym", "DE"),
    ("Ypres", "gn:ypres", "city", "BE"),
    ("Belgium", "gn:be", "country", "BE"),
    ("Bosnia", "gn:ba", "country", "BA"),
    ("Srebrenica", "gn:srebrenica", "city", "BA"),
]


def facts_of(text):
    t, sents, refs = article(text, SPEC)
    return extract_facts(t, sents, refs)


def test_sample_memorial_figures_all_in_north_korea():
    text, sents, refs = sample()
    facts = extract_facts(text, sents, refs)
    got = {(f.kind, f.value, f.qualifier, f.place) for f in facts}
    assert got == {
        ("mass_graves", 11, None, KP),
        ("individual_graves", 345, None, KP),
        ("buried", 1375, None, KP),
        ("died", 4700, "more than", KP),
    }
    died = next(f for f in facts if f.kind == "died")
    assert died.text == "More than 4,700 Soviet soldiers died"
    assert text[died.start:died.end] == died.text
    buried = next(f for f in facts if f.kind == "buried")
    assert buried.text == "1,375 Soviet troops are buried"


def test_sample_when_korea_is_read_as_the_country():
    # the "liberation of Korea" sentence keeps North Korea whatever "Korea" resolves to
    text, sents, refs = sample()
    refs = [r if r.text != "Korea" else type(r)(r.start, r.end, r.text, r.sentence, KP,
                                                  "country", "KP") for r in refs]
    facts = extract_facts(text, sents, refs)
    assert {f.place for f in facts} == {KP}


def test_summary_per_place():
    text, sents, refs = sample()
    summary = summarise_facts(extract_facts(text, sents, refs))
    assert summary == {KP: {"mass_graves": (11, None), "individual_graves": (345, None),
                            "buried": (1375, None), "died": (4700, "more than")}}


def test_earthquake_toll_in_turkey_and_syria():
    facts = facts_of(
        "A magnitude 7.8 earthquake struck southern Turkey near Kahramanmaras on Monday. "
        "The death toll in Turkey rose to 4,300 on Tuesday, with more than 20,000 people "
        "injured. In Syria, at least 1,400 people were killed.")
    got = [(f.kind, f.value, f.qualifier, f.place) for f in facts]
    assert got == [("died", 4300, None, "gn:tr"), ("wounded", 20000, "more than", "gn:tr"),
                   ("killed", 1400, "at least", "gn:sy")]
    # 7.8 (a magnitude) is no fact


def test_the_cemetery_refers_back_to_the_named_cemetery():
    # "The cemetery holds ..." is the Normandy American Cemetery of the sentence before: its
    # figures go to the cemetery itself, and the thread carries them on
    facts = facts_of(
        "Veterans gathered at the Normandy American Cemetery in Colleville-sur-Mer, France. "
        "The cemetery holds 9,388 graves of American soldiers, most of whom died during the "
        "invasion of Normandy in 1944. Another 1,557 soldiers are listed as missing.")
    got = [(f.kind, f.value, f.place) for f in facts]
    assert got == [("graves", 9388, "lm:nac"), ("missing", 1557, "lm:nac")]
    assert all(f.value != 1944 for f in facts)


def test_written_numbers_and_scales():
    facts = facts_of("Some 1.2 million soldiers died at Ypres in Belgium, and twelve memorials "
                     "stand in Ypres. Hundreds of bodies were found near Srebrenica in Bosnia.")
    got = [(f.kind, f.value, f.qualifier, f.place) for f in facts]
    assert got == [("died", 1_200_000, "some", "gn:ypres"),
                   ("memorials", 12, None, "gn:ypres"),
                   ("remains", 200, "hundreds", "gn:srebrenica")]


def test_verbs_before_the_number_and_remains():
    facts = facts_of("The shelling near Ypres killed 50 civilians and left 120 wounded. "
                     "The remains of 27 German soldiers were recovered in Belgium.")
    got = [(f.kind, f.value, f.place) for f in facts]
    assert got == [("killed", 50, "gn:ypres"), ("wounded", 120, "gn:ypres"),
                   ("remains", 27, "gn:be")]
    assert facts[0].text == "killed 50 civilians"


def test_no_facts_from_ages_durations_years_or_unrelated_counts():
    assert facts_of("The 36-year-old leader ended a 20-day absence in 2019. "
                    "He has 3 children and visited 12 factories in Turkey.") == []


def test_demonym_is_origin_not_location():
    facts = facts_of("About 44,000 German soldiers are buried at Langemark.")
    [f] = facts
    assert f.kind == "buried" and f.qualifier == "about" and f.place is None


def test_parse_number():
    assert parse_number("1,375") == (1375, None)
    assert parse_number("1.2 million") == (1_200_000, None)
    assert parse_number("a dozen") == (12, None)
    assert parse_number("twenty-five") == (25, None)
    assert parse_number("tens of thousands") == (20000, "tens of thousands")
    assert parse_number("many") is None


def test_a_decimal_is_not_a_count_of_people(pipeline):
    """'a magnitude 5.9 quake' is no casualty figure (people come in whole numbers), while
    '1.5 million' still is a number of people."""
    from mapper.core.articles import article_from_text
    text = ("The death toll from a magnitude 5.9 quake near Valparaiso, Chile rose on Monday. "
            "About 1.5 million people were evacuated.")
    r = pipeline.run(article_from_text(text, published="2021-03-01"))
    values = sorted(f.value for f in r.facts)
    assert 6 not in values and 5 not in values, [(f.kind, f.value, f.text) for f in r.facts]
