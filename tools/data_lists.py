"""Hand-curated inputs for tools/build_data.py (country aliases and demonyms).

Compiled by the mapper developers from common English usage and ISO 3166-1.
"""

# alias | ISO 3166-1 alpha-2 | optional note
ALIASES_EXTRA = """
U.S.|US
US|US
USA|US
U.S.A.|US
United States|US
United States of America|US
America|US
the U.S.|US
UK|GB
U.K.|GB
United Kingdom|GB
Britain|GB
Great Britain|GB
# England, Scotland, Wales and Northern Ireland are first-level divisions of GB in admin1.csv
# (GeoNames ENG/SCT/WLS/NIR), with their own points: not aliases of the United Kingdom.
United Kingdom of Great Britain and Northern Ireland|GB
DPRK|KP
D.P.R.K.|KP
North Korea|KP
N. Korea|KP
Democratic People's Republic of Korea|KP
Democratic People’s Republic of Korea|KP
South Korea|KR
S. Korea|KR
ROK|KR
R.O.K.|KR
Republic of Korea|KR
Korea|KR|ambiguous between the two Koreas: the article's context decides
Korea|KP|ambiguous between the two Koreas: the article's context decides
Russia|RU
Russian Federation|RU
Soviet Union|RU|historical, successor state
USSR|RU|historical, successor state
U.S.S.R.|RU|historical, successor state
Union of Soviet Socialist Republics|RU|historical, successor state
Burma|MM
Myanmar|MM
Ivory Coast|CI
Cote d'Ivoire|CI
Côte d'Ivoire|CI
Czechia|CZ
Czech Republic|CZ
Holland|NL
the Netherlands|NL
UAE|AE
U.A.E.|AE
Emirates|AE
PRC|CN
P.R.C.|CN
People's Republic of China|CN
Mainland China|CN
Taiwan|TW
Republic of China|TW
ROC|TW
Vatican|VA
Vatican City|VA
Holy See|VA
Macedonia|MK
North Macedonia|MK
FYROM|MK
Swaziland|SZ
Eswatini|SZ
East Timor|TL
Timor-Leste|TL
Cape Verde|CV
Cabo Verde|CV
Congo-Kinshasa|CD
DRC|CD
DR Congo|CD
D.R. Congo|CD
Democratic Republic of the Congo|CD
Democratic Republic of Congo|CD
Zaire|CD|historical name
Congo-Brazzaville|CG
Republic of the Congo|CG
Republic of Congo|CG
Congo|CD
Congo|CG
Persia|IR|historical name
Iran|IR
Islamic Republic of Iran|IR
Syria|SY
Laos|LA
Lao PDR|LA
Vietnam|VN
Viet Nam|VN
Moldova|MD
Bolivia|BO
Venezuela|VE
Tanzania|TZ
Brunei|BN
Micronesia|FM
Palestine|PS
Palestinian Territories|PS
State of Palestine|PS
Ceylon|LK|historical name
Siam|TH|historical name
Rhodesia|ZW|historical name
Dahomey|BJ|historical name
Upper Volta|BF|historical name
Kampuchea|KH|historical name
Bosnia|BA
Bosnia-Herzegovina|BA
Bosnia and Herzegovina|BA
Herzegovina|BA
KSA|SA
Saudi|SA
Kingdom of Saudi Arabia|SA
Byelorussia|BY|historical name
Belarus|BY
Belorussia|BY|historical name
Kirghizia|KG|historical name
Kyrgyzstan|KG
Turkey|TR
Turkiye|TR
Türkiye|TR
Republic of Turkey|TR
Deutschland|DE
Federal Republic of Germany|DE
West Germany|DE|historical
East Germany|DE|historical (GDR)
GDR|DE|historical (East Germany)
FRG|DE
Italia|IT
Espana|ES
España|ES
the Philippines|PH
Philippines|PH
Phillipines|PH|common misspelling
the Gambia|GM
Gambia|GM
Bahamas|BS
the Bahamas|BS
the Maldives|MV
Maldives|MV
Kosovo|XK
Republic of Kosovo|XK
Ukraine|UA
the Ukraine|UA
New Zealand|NZ
Aotearoa|NZ
Down Under|AU|informal
Eire|IE
Éire|IE
Irish Republic|IE
Republic of Ireland|IE
Ireland|IE
Hong Kong|HK
Macau|MO
Macao|MO
Greenland|GL
Faroe Islands|FO
Faroes|FO
Puerto Rico|PR
Guam|GU
Sao Tome|ST
São Tomé and Príncipe|ST
Sao Tome and Principe|ST
St. Lucia|LC
St Lucia|LC
St. Kitts and Nevis|KN
St. Kitts|KN
St. Vincent and the Grenadines|VC
St. Vincent|VC
Antigua|AG
Trinidad|TT
Trinidad and Tobago|TT
Tobago|TT
Papua New Guinea|PG
PNG|PG
Solomon Islands|SB
Marshall Islands|MH
Bahrain|BH
Qatar|QA
Oman|OM
Yemen|YE
Kuwait|KW
Jordan|JO
Lebanon|LB
Israel|IL
Egypt|EG
Libya|LY
Iraq|IQ
Afghanistan|AF
Pakistan|PK
India|IN
Bharat|IN
Bangladesh|BD
China|CN
Japan|JP
Nippon|JP
Mongolia|MN
Kazakhstan|KZ
Uzbekistan|UZ
Turkmenistan|TM
Tajikistan|TJ
Azerbaijan|AZ
Armenia|AM
Georgia|GE|ambiguous with the US state
Sakartvelo|GE
Slovakia|SK
Slovak Republic|SK
Kyrgyz Republic|KG
Serbia|RS
Montenegro|ME
Croatia|HR
Slovenia|SI
Albania|AL
Greece|GR
Hellas|GR
Hellenic Republic|GR
Cyprus|CY
Malta|MT
Poland|PL
Lithuania|LT
Latvia|LV
Estonia|EE
Finland|FI
Suomi|FI
Sweden|SE
Norway|NO
Denmark|DK
Iceland|IS
Switzerland|CH
Swiss Confederation|CH
Austria|AT
Hungary|HU
Romania|RO
Roumania|RO|historical spelling
Bulgaria|BG
Yugoslavia|RS|historical, successor state
Serbia and Montenegro|RS|historical
Czechoslovakia|CZ|historical, successor state
Mexico|MX
United Mexican States|MX
Brasil|BR
Argentine Republic|AR
the Argentine|AR|dated
Colombia|CO
Peru|PE
Chile|CL
Ecuador|EC
Uruguay|UY
Paraguay|PY
Guyana|GY
Suriname|SR
Surinam|SR
Dutch Guiana|SR|historical name
British Guiana|GY|historical name
Guatemala|GT
Honduras|HN
El Salvador|SV
Nicaragua|NI
Costa Rica|CR
Panama|PA
Cuba|CU
Haiti|HT
Dominican Republic|DO
Jamaica|JM
Nigeria|NG
Ghana|GH
Gold Coast|GH|historical name
Kenya|KE
Ethiopia|ET
Abyssinia|ET|historical name
Somalia|SO
Sudan|SD
South Sudan|SS
Eritrea|ER
Djibouti|DJ
Uganda|UG
Rwanda|RW
Burundi|BI
Mozambique|MZ
Zimbabwe|ZW
Zambia|ZM
Northern Rhodesia|ZM|historical name
Malawi|MW
Nyasaland|MW|historical name
Botswana|BW
Namibia|NA
South West Africa|NA|historical name
South Africa|ZA
RSA|ZA
Lesotho|LS
Madagascar|MG
Malagasy Republic|MG|historical name
Mauritius|MU
Seychelles|SC
Comoros|KM
Morocco|MA
Algeria|DZ
Tunisia|TN
Mauritania|MR
Mali|ML
Niger|NE
Chad|TD
Cameroon|CM
Senegal|SN
Guinea-Bissau|GW
Guinea|GN
Equatorial Guinea|GQ
Sierra Leone|SL
Liberia|LR
Togo|TG
Benin|BJ
Burkina Faso|BF
Burkina|BF
Gabon|GA
Central African Republic|CF
Angola|AO
Indonesia|ID
Dutch East Indies|ID|historical name
Malaysia|MY
Malaya|MY|historical name
Singapore|SG
Thailand|TH
Cambodia|KH
Nepal|NP
Bhutan|BT
Sri Lanka|LK
Australia|AU
Commonwealth of Australia|AU
Fiji|FJ
Samoa|WS
Western Samoa|WS|historical name
Tonga|TO
Vanuatu|VU
New Hebrides|VU|historical name
Kiribati|KI
Tuvalu|TV
Nauru|NR
Palau|PW
Canada|CA
France|FR
French Republic|FR
Germany|DE
Italy|IT
Spain|ES
Kingdom of Spain|ES
Portugal|PT
Belgium|BE
Luxembourg|LU
Netherlands|NL
Kingdom of the Netherlands|NL
Liechtenstein|LI
Monaco|MC
San Marino|SM
Andorra|AD
"""

# "CC: demonym, demonym, ..."  (adjectives and plural nouns; '#' starts a comment)
DEMONYMS_EXTRA = """
US: American, Americans
GB: British, Briton, Britons, Brit, Brits, English, Englishman, Englishmen, Englishwoman, Scottish, Scot, Scots, Scotsman, Scotsmen, Welsh, Welshman, Welshmen, Northern Irish, Ulsterman
RU: Russian, Russians, Soviet, Soviets
KP: North Korean, North Koreans, Korean, Koreans
KR: South Korean, South Koreans, Korean, Koreans
TR: Turkish, Turk, Turks
PH: Filipino, Filipinos, Filipina, Filipinas, Philippine
NL: Dutch, Dutchman, Dutchmen, Netherlandish
FR: French, Frenchman, Frenchmen, Frenchwoman
DE: German, Germans, East German, East Germans, West German, West Germans
CN: Chinese
JP: Japanese
VN: Vietnamese
TW: Taiwanese
IE: Irish, Irishman, Irishmen
ES: Spanish, Spaniard, Spaniards
PT: Portuguese
CH: Swiss
SE: Swedish, Swede, Swedes
DK: Danish, Dane, Danes
FI: Finnish, Finn, Finns
NO: Norwegian, Norwegians
IS: Icelandic, Icelander, Icelanders
PL: Polish, Pole, Poles
CZ: Czech, Czechs
SK: Slovak, Slovaks, Slovakian, Slovakians
HU: Hungarian, Hungarians
GR: Greek, Greeks, Hellenic
IL: Israeli, Israelis
PS: Palestinian, Palestinians
SA: Saudi, Saudis, Saudi Arabian, Saudi Arabians
AE: Emirati, Emiratis
IQ: Iraqi, Iraqis
IR: Iranian, Iranians, Persian, Persians
AF: Afghan, Afghans, Afghani
PK: Pakistani, Pakistanis
IN: Indian, Indians
BD: Bangladeshi, Bangladeshis
LK: Sri Lankan, Sri Lankans
MM: Burmese, Myanmar
TH: Thai, Thais
LA: Lao, Laotian, Laotians
KH: Cambodian, Cambodians, Khmer
MY: Malaysian, Malaysians
SG: Singaporean, Singaporeans
ID: Indonesian, Indonesians
AU: Australian, Australians, Aussie, Aussies
NZ: New Zealander, New Zealanders, Kiwi, Kiwis
CA: Canadian, Canadians
MX: Mexican, Mexicans
BR: Brazilian, Brazilians
AR: Argentine, Argentines, Argentinian, Argentinians, Argentinean
CL: Chilean, Chileans
PE: Peruvian, Peruvians
CO: Colombian, Colombians
VE: Venezuelan, Venezuelans
CU: Cuban, Cubans
EG: Egyptian, Egyptians
NG: Nigerian, Nigerians
ZA: South African, South Africans
KE: Kenyan, Kenyans
ET: Ethiopian, Ethiopians
SY: Syrian, Syrians
LB: Lebanese
JO: Jordanian, Jordanians
YE: Yemeni, Yemenis
UA: Ukrainian, Ukrainians
BY: Belarusian, Belarusians, Belarussian, Byelorussian
MN: Mongolian, Mongolians, Mongol, Mongols
KZ: Kazakh, Kazakhs, Kazakhstani, Kazakhstanis
UZ: Uzbek, Uzbeks, Uzbekistani
TM: Turkmen, Turkmens
TJ: Tajik, Tajiks
KG: Kyrgyz, Kirghiz, Kyrgyzstani
AZ: Azerbaijani, Azerbaijanis, Azeri, Azeris
AM: Armenian, Armenians
GE: Georgian, Georgians
MD: Moldovan, Moldovans
RO: Romanian, Romanians
BG: Bulgarian, Bulgarians
RS: Serbian, Serb, Serbs, Serbians, Yugoslav, Yugoslavs, Yugoslavian
HR: Croatian, Croat, Croats, Croatians
BA: Bosnian, Bosnians, Herzegovinian
SI: Slovenian, Slovene, Slovenes, Slovenians
MK: Macedonian, Macedonians, North Macedonian
AL: Albanian, Albanians
XK: Kosovar, Kosovars, Kosovan
LT: Lithuanian, Lithuanians
LV: Latvian, Latvians, Lett, Letts
EE: Estonian, Estonians
BE: Belgian, Belgians, Flemish, Walloon
LU: Luxembourger, Luxembourgers, Luxembourgish
AT: Austrian, Austrians
IT: Italian, Italians
MT: Maltese
CY: Cypriot, Cypriots
MA: Moroccan, Moroccans
DZ: Algerian, Algerians
TN: Tunisian, Tunisians
LY: Libyan, Libyans
SD: Sudanese
SS: South Sudanese
SO: Somali, Somalis, Somalian
CD: Congolese
CG: Congolese
CI: Ivorian, Ivorians
GH: Ghanaian, Ghanaians
SN: Senegalese
ML: Malian, Malians
CM: Cameroonian, Cameroonians
ZW: Zimbabwean, Zimbabweans
ZM: Zambian, Zambians
UG: Ugandan, Ugandans
TZ: Tanzanian, Tanzanians
RW: Rwandan, Rwandans
MZ: Mozambican, Mozambicans
AO: Angolan, Angolans
NP: Nepali, Nepalese, Nepalis
BT: Bhutanese
QA: Qatari, Qataris
KW: Kuwaiti, Kuwaitis
BH: Bahraini, Bahrainis
OM: Omani, Omanis
CV: Cape Verdean, Cape Verdeans
TL: Timorese, East Timorese
PG: Papua New Guinean, Papua New Guineans
DJ: Djiboutian, Djiboutians
DO: Dominican, Dominicans
VI: Virgin Islander, Virgin Islanders
GI: Gibraltarian, Gibraltarians
KN: Kittitian, Kittitians, Nevisian, Nevisians
AG: Antiguan, Antiguans, Barbudan, Barbudans
CW: Curacaoan, Curaçaoan
AX: Alander, Ålander
PM: Saint-Pierrais, Miquelonnais
"""

# Generated forms that are wrong or unusable in running text.
DEMONYM_SKIP = {"Djibouti", "Gibraltar"}

ALIAS_SKIP = {"Island", "Mann", "Thai", "Togolese", "Prathet", "Mexicanos", "Portuguesa", "Timor", "Guiana", "the Abode of Peace", "Dominique", "Plurinational State of Bolivia", "Bolivarian Republic of Venezuela"}
