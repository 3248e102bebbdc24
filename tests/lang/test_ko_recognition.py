"""Korean place recognition (issue 16): the rules of mapper.core.lang.ko, each pinned on an
invented sentence: particles left out, place suffixes, an address as one span, a state as an
actor, people's and clubs' names that look like towns."""
from __future__ import annotations

import pytest

pytest.importorskip("kiwipiepy")

from mapper.core.geo import haversine_km
from mapper.core.lang import language_support
from mapper.core.models import Article
from mapper.core.pipeline import Pipeline

SEOUL = (37.57, 126.98)
BUSAN = (35.18, 129.08)
BEIJING = (39.90, 116.40)


@pytest.fixture(scope="module")
def ko(gazetteer):
    return language_support("ko", gazetteer)


def spans(ko, sentence):
    return {m.text: m for m in ko.recogniser.sentence_mentions(sentence, sentence, 0, 0)}


def near(mention, point, km=161):
    return any(haversine_km(c.lat, c.lon, *point) <= km for c in mention.candidates[:1])


def test_particle_left_out(ko):
    got = spans(ko, "대표단은 어제 부산에서 출발해 오늘 서울로 돌아왔다.")
    assert set(got) == {"부산", "서울"}
    assert near(got["부산"], BUSAN) and near(got["서울"], SEOUL)


def test_station_with_its_suffix(ko):
    got = spans(ko, "우리는 금요일 저녁 청량리역에서 만나기로 했다.")
    assert "청량리역" in got
    got = spans(ko, "열차가 서울역을 떠난 지 한 시간이 지났다.")
    assert "서울역" in got and near(got["서울역"], SEOUL)  # known by the city before the suffix


def test_unknown_name_with_a_place_suffix_is_a_place(ko):
    assert "해오름역" in spans(ko, "우리는 해오름역에서 내려 버스를 탔다.")  # one proper noun
    assert "별빛동" in spans(ko, "그 가족은 별빛동에 이사했다.")  # common nouns, the suffix split off
    assert spans(ko, "그는 운동장에서 친구를 만났다.") == {}


def test_district_address_is_one_span(ko):
    got = spans(ko, "그는 부산 동래구 온천동에 있는 작은 집에서 살았다.")
    assert list(got) == ["부산 동래구 온천동"]
    assert near(got["부산 동래구 온천동"], BUSAN)


def test_country_and_city_one_span_known_as_the_city(ko):
    got = spans(ko, "회의는 중국 베이징에서 사흘 동안 열렸다.")
    assert list(got) == ["중국 베이징"]
    assert got["중국 베이징"].candidates[0].kind != "country" and near(got["중국 베이징"], BEIJING)


def test_the_map_gets_the_country_apart(gazetteer):
    r = Pipeline(gazetteer).run(Article(text="회의는 중국 베이징에서 사흘 동안 열렸다. 대표단은 다음 날 돌아왔다."))
    assert r.language == "ko"
    assert {p.country for p in r.places} == {"CN"}
    assert {p.kind for p in r.places} >= {"country"} and len(r.places) == 2


def test_state_as_the_subject_is_still_a_place(ko):
    # KLUE tags a state as the subject about as often as not: the map keeps it
    assert "북한" in spans(ko, "북한이 어제 동해상으로 미사일을 발사했다.")
    assert "북한" in spans(ko, "그는 북한에서 태어났다.")


def test_state_acting_through_the_genitive_is_not_a_place(ko):
    assert "이스라엘" not in spans(ko, "이스라엘의 폭격으로 집이 무너졌다.")
    assert "이스라엘" in spans(ko, "이스라엘의 한 마을에서 축제가 열렸다.")


def test_institution_named_after_a_place(ko):
    assert spans(ko, "부산 동래경찰서는 용의자를 검거했다고 밝혔다.") == {}


def test_club_in_brackets_is_not_a_place(ko):
    assert spans(ko, "이번 경기에서 김민호(리버풀)가 결승골을 넣었다.") == {}


def test_foreign_town_alternate_alone_is_a_name(ko):
    assert spans(ko, "잭슨은 무대에서 노래를 불렀다.") == {}


def test_person_with_a_place_like_ending(ko):
    assert spans(ko, "홍길동이 마을 사람들을 도왔다.") == {}
    assert spans(ko, "이 영화에서 짐캐리의 연기는 훌륭했다.") == {}


def test_named_place_then_its_kind(ko):
    got = spans(ko, "시위대는 타흐리르 광장에 다시 모였다.")
    assert list(got) == ["타흐리르 광장"]


def test_part_of_a_region(ko):
    got = spans(ko, "내일은 경북 북동 산간에 눈이 내리겠다.")
    assert list(got) == ["경북 북동 산간"]


def test_unknown_place_goes_to_the_geocoder_not_the_map(gazetteer):
    r = Pipeline(gazetteer).run(Article(text="그 가족은 별빛동에 이사했다. 그들은 서울에서 왔다."))
    assert r.language == "ko" and [p.country for p in r.places] == ["KR"]


def test_institution_written_on_the_place_name(ko):
    assert spans(ko, "서울가정법원은 어제 판결을 내렸다.") == {}
    assert spans(ko, "대전지방경찰청과 공조해 수사를 벌였다.") == {}


def test_known_name_glued_to_a_part_of_it(ko):
    got = spans(ko, "관광객 대부분은 제주시내 호텔에 머물고 있다.")
    assert "제주" in got and got["제주"].candidates[0].country == "KR"


def test_building_where_something_happens_is_one_span_with_its_place(ko):
    got = spans(ko, "기자회견은 서울 종로구 시민회관에서 열렸다.")
    assert list(got) == ["서울 종로구 시민회관"] and near(got["서울 종로구 시민회관"], SEOUL)
    assert list(spans(ko, "서울 등 전국 곳곳에 비가 내렸다.")) == ["서울"]


def test_glued_part_of_a_region(ko):
    assert list(spans(ko, "오후에는 전남동부내륙에 비가 오겠다.")) == ["전남동부내륙"]


def test_teams_are_not_places(ko):
    assert spans(ko, "그는 보스턴 레드삭스와의 경기에 선발로 나섰다.") == {}
    assert spans(ko, "8강전은 대만-홍콩 경기로 시작했다.") == {}
    assert spans(ko, "칠레(승점 4)가 조 2위에 올랐다.") == {}


def test_a_country_naming_where_a_paper_is_published_is_a_place(ko):
    assert "영국" in spans(ko, "영국 매체 가디언에 따르면 협상은 결렬됐다.")


def test_name_in_chinese_characters_after_it_is_the_same_place(ko):
    got = spans(ko, "대표단은 베이징(北京)에 도착했다.")
    assert set(got) == {"베이징", "北京"}
    assert got["北京"].candidates[0].key == got["베이징"].candidates[0].key


def test_long_foreign_name_with_its_unit(ko):
    assert "텅저우시" in spans(ko, "경찰은 텅저우시의 한 도서관에 출동했다.")
    assert spans(ko, "그는 오비맥주는 마시지 않는다.") == {}


def test_compass_part_of_a_known_place(ko):
    got = spans(ko, "동일본 지역에 큰 지진이 났다.")
    assert "동일본" in got and got["동일본"].candidates[0].country == "JP"


def test_verbal_noun_is_not_a_place(ko):
    assert spans(ko, "그는 어릴 때부터 바다를 동경하였다.") == {}
    assert spans(ko, "폭행과 상해 혐의로 기소됐다.") == {}


def test_country_beginning_an_organisation_is_not_a_place(ko):
    assert spans(ko, "캐나다 우주청(CSA)이 새 위성을 쏘아 올렸다.") == {}
    assert spans(ko, "칠레 기상청은 폭우 경보를 내렸다.") == {}
    assert "칠레" in spans(ko, "칠레 기상청에 따르면 칠레에서 폭우가 이어졌다.")


def test_common_noun_city_with_its_chinese_characters(ko):
    got = spans(ko, "이 제품은 심천(深圳) 공장에서 만들어졌다.")
    assert got["심천"].candidates[0].country == "CN" and "深圳" in got


def test_building_written_on_an_address_is_one_span(ko):
    # a place whose word goes on with a building's kind: the building, one span with its place
    got = spans(ko, "관객들은 미국 뉴욕 링컨센터의 무대를 좋아한다.")
    assert set(got) == {"미국 뉴욕 링컨센터"}
    # known as the town it is in, not the town it is named after (Lincoln, Nebraska)
    assert near(got["미국 뉴욕 링컨센터"], (40.71, -74.01))
    # a named building in the next word, whatever particle follows it
    assert "부산 해오름리조트" in spans(ko, "부산 해오름리조트 내 강당에서 회의가 열렸다.")


def test_named_building_alone_is_a_place(ko):
    got = spans(ko, "시민들은 한빛백화점 앞에서 모였다.")
    assert "한빛백화점" in got
    # the firm acting, as the subject, is not a place
    assert spans(ko, "한빛백화점은 다음 주부터 할인 행사를 한다.") == {}


def test_province_without_its_do_heads_an_address(ko):
    got = spans(ko, "행사는 경기 수원시 장안구에서 열렸다.")
    assert set(got) == {"경기 수원시 장안구"}
    # alone, 경기 is a match, not Gyeonggi
    assert spans(ko, "어제 경기에서 우리 팀이 이겼다.") == {}


def test_lot_number_ends_the_address(ko):
    assert "서울 종로구 청진동 123-4번지" in spans(ko, "그의 사무실은 서울 종로구 청진동 123-4번지에 있다.")


def test_place_then_a_named_site_is_one_span(ko):
    # a place, then a proper noun and the kind of site, whatever particle follows
    got = spans(ko, "관광객들은 부산 해운대 누리봄 스퀘어의 분수를 구경했다.")
    assert "부산 해운대 누리봄 스퀘어" in got


def test_school_or_board_named_after_a_place_is_not_the_place(ko):
    assert spans(ko, "대구영화위원회 지원 사업은 올해 끝난다.") == {}
    assert spans(ko, "경남 함양여고가 대회에서 우승했다.") == {}
    assert spans(ko, "광주 한빛초등학교 3학년 학생이 상을 받았다.") == {}


def test_country_in_a_match_is_its_team(ko):
    assert spans(ko, "스페인은 후반에 동점골을 넣었다.") == {}
    assert spans(ko, "대표팀은 칠레와의 평가전을 준비한다.") == {}
    # where the match is played stays a place
    assert "칠레" in spans(ko, "대표팀은 칠레에서 평가전을 치른다.")


def test_small_town_in_a_list_of_places(ko):
    # 음성 alone is a voice (a common noun); after other places in a list it is the county
    got = spans(ko, "그는 충북 괴산·음성에서 농사를 지었다.")
    assert "음성" in got and got["음성"].candidates[0].country == "KR"
    assert spans(ko, "그의 음성에서 떨림이 느껴졌다.") == {}


def test_unknown_name_in_quotes_is_a_title(ko):
    assert spans(ko, "영화 '칠보산'에 대해 이야기했다.") == {}
    assert spans(ko, "그들은 '칠보산'에서 만났다.") != {}
