"""The hand-compiled Korean names for data/ko_names.csv (read by tools/build_lang_names.py),
compiled by the mapper developers from standard Korean usage."""

KO_ABBREV = {
    "북한": "cc:KP", "북조선": "cc:KP", "조선": "cc:KP", "남한": "cc:KR", "한국": "cc:KR", "대한민국": "cc:KR",
    "미국": "cc:US", "러시아": "cc:RU", "소련": "cc:RU", "소비에트 연방": "cc:RU", "중국": "cc:CN", "일본": "cc:JP",
    "영국": "cc:GB", "프랑스": "cc:FR", "독일": "cc:DE", "터키": "cc:TR", "튀르키예": "cc:TR",
    "우크라이나": "cc:UA", "호주": "cc:AU", "캐나다": "cc:CA", "인도": "cc:IN", "베트남": "cc:VN",
    "몽골": "cc:MN", "대만": "cc:TW", "이탈리아": "cc:IT", "스페인": "cc:ES", "네덜란드": "cc:NL",
    "이집트": "cc:EG", "에티오피아": "cc:ET", "시리아": "cc:SY", "이란": "cc:IR", "이라크": "cc:IQ",
    "이스라엘": "cc:IL", "필리핀": "cc:PH", "태국": "cc:TH", "싱가포르": "cc:SG", "인도네시아": "cc:ID",
    "브라질": "cc:BR", "멕시코": "cc:MX", "아르헨티나": "cc:AR", "남아공": "cc:ZA", "남아프리카공화국": "cc:ZA",
    "유럽": "rg:europe", "아시아": "rg:asia", "아프리카": "rg:africa", "북미": "rg:north-america",
    "남미": "rg:south-america", "오세아니아": "rg:oceania", "남극": "rg:antarctica",
    "뉴욕": "New York City|US", "워싱턴": "Washington, D.C.|US", "상트페테르부르크": "Saint Petersburg|RU",
    "제주": "Jeju City|KR", "제주도": "a1:kr:jeju-do", "제주특별자치도": "a1:kr:jeju-do",
    "경기도": "a1:kr:gyeonggi-do", "강원도": "a1:kr:gangwon-do",
    "충청북도": "a1:kr:chungcheongbuk-do", "충북": "a1:kr:chungcheongbuk-do",
    "충청남도": "a1:kr:chungcheongnam-do", "충남": "a1:kr:chungcheongnam-do",
    "전라북도": "a1:kr:jeollabuk-do", "전북": "a1:kr:jeollabuk-do", "전라남도": "a1:kr:jeollanam-do", "전남": "a1:kr:jeollanam-do",
    "경상북도": "a1:kr:gyeongsangbuk-do", "경북": "a1:kr:gyeongsangbuk-do",
    "경상남도": "a1:kr:gyeongsangnam-do", "경남": "a1:kr:gyeongsangnam-do",
    "서울시": "Seoul|KR", "서울특별시": "Seoul|KR", "부산시": "Busan|KR", "대구시": "Daegu|KR", "인천시": "Incheon|KR",
    "광주시": "Gwangju|KR", "대전시": "Daejeon|KR", "울산시": "Ulsan|KR", "세종시": "Sejong|KR",
    "동북아": "rg:northeast-asia", "동북아시아": "rg:northeast-asia", "동아시아": "rg:east-asia", "중동": "rg:middle-east",
    "동남아": "rg:southeast-asia", "동남아시아": "rg:southeast-asia", "시베리아": "rg:siberia", "크림반도": "rg:crimea",
    "백악관": "lm:white-house", "크렘린": "lm:moscow-kremlin",
}

KO_DEMONYMS = {  # nouns that name a country's people or army ("북한군": the North Korean army)
    "북한군": "KP", "인민군": "KP", "소련군": "RU", "러시아군": "RU", "미군": "US", "국군": "KR", "한국군": "KR",
    "중국군": "CN", "일본군": "JP", "영국군": "GB", "프랑스군": "FR", "독일군": "DE", "터키군": "TR",
}
