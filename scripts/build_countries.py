#!/usr/bin/env python3
"""Build ``src/marsad/data/kb/countries.jsonl``.

One record per UN member state plus Palestine (PSE), Kosovo (KOS), Western Sahara (ESH) and
Taiwan (TWN); format in ``docs/kb-format.md``.

* The base Arabic name of each country comes from Unicode CLDR through Babel
  (``babel.Locale('ar').territories``, keyed by ISO 3166-1 alpha-2).  CLDR's parenthesised and
  dashed forms ("ميانمار (بورما)", "الكونغو - كينشاسا") are split / rewritten into press forms.
* Everything else (alpha-2 -> alpha-3, English name, region, capital, press variants, nisba,
  metonyms) comes from the curated table ``TABLE`` below.

Run: ``.venv/bin/python scripts/build_countries.py`` (needs only Babel, a runtime dependency).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import babel

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "marsad" / "data" / "kb" / "countries.jsonl"

# Columns, separated by "|"; multi-valued columns separated by "/"; empty = none.
#   iso3 | iso2 | English name | region | capital (English) | capital_ar | extra names_ar |
#   nisba_ar (masculine singular, no ال) | extra metonyms_ar (besides the capital)
# Regions: north_africa, middle_east (Levant, Gulf, Iraq, Iran, Turkey), horn_of_africa,
# east_africa, central_africa, west_africa, southern_africa, western_europe, northern_europe,
# southern_europe, eastern_europe, caucasus, central_asia, south_asia, east_asia, southeast_asia,
# oceania, north_america, central_america, caribbean, south_america.
# A nisba is left empty where none is in press use or where it is an ordinary Arabic word
# (see NISBA_NOTES).
TABLE = """
AFG|AF|Afghanistan|south_asia|Kabul|كابل/كابول|جمهورية أفغانستان الإسلامية/إمارة أفغانستان الإسلامية|أفغاني/أفغانستاني|
ALB|AL|Albania|southern_europe|Tirana|تيرانا||ألباني|
DZA|DZ|Algeria|north_africa|Algiers|الجزائر/الجزائر العاصمة|الجمهورية الجزائرية|جزائري|قصر المرادية
AND|AD|Andorra|southern_europe|Andorra la Vella|أندورا لا فيلا||أندوري|
AGO|AO|Angola|central_africa|Luanda|لواندا|أنجولا|أنغولي/أنجولي|
ATG|AG|Antigua and Barbuda|caribbean|Saint John's|سانت جونز|أنتيجوا وباربودا/أنتيغوا||
ARG|AR|Argentina|south_america|Buenos Aires|بوينس آيرس/بوينس أيرس/بوينوس آيرس|الأرجنتين|أرجنتيني|
ARM|AM|Armenia|caucasus|Yerevan|يريفان/يرفان|أرمينيا|أرميني/أرمني|
AUS|AU|Australia|oceania|Canberra|كانبيرا/كانبرا||أسترالي|
AUT|AT|Austria|western_europe|Vienna|فيينا||نمساوي|
AZE|AZ|Azerbaijan|caucasus|Baku|باكو||أذربيجاني/أذري|
BHS|BS|Bahamas|caribbean|Nassau|ناساو|البهاما/جزر الباهاماس/الباهاماس|باهامي|
BHR|BH|Bahrain|middle_east|Manama|المنامة|مملكة البحرين|بحريني|قصر الصخير
BGD|BD|Bangladesh|south_asia|Dhaka|دكا/داكا|بنجلاديش/بنغلادش|بنغلاديشي/بنجلاديشي/بنغالي|
BRB|BB|Barbados|caribbean|Bridgetown|بريدجتاون||بربادوسي|
BLR|BY|Belarus|eastern_europe|Minsk|مينسك|روسيا البيضاء/بيلاروسيا|بيلاروسي|
BEL|BE|Belgium|western_europe|Brussels|بروكسل||بلجيكي|
BLZ|BZ|Belize|central_america|Belmopan|بلموبان||بليزي|
BEN|BJ|Benin|west_africa|Porto-Novo|بورتو نوفو|بنين|بنيني|كوتونو
BTN|BT|Bhutan|south_asia|Thimphu|تيمفو||بوتاني|
BOL|BO|Bolivia|south_america|Sucre|سوكري||بوليفي|لاباز/لا باز
BIH|BA|Bosnia and Herzegovina|southern_europe|Sarajevo|سراييفو|البوسنة|بوسني|
BWA|BW|Botswana|southern_africa|Gaborone|غابورون/جابورون||بوتسواني|
BRA|BR|Brazil|south_america|Brasília|برازيليا||برازيلي|
BRN|BN|Brunei|southeast_asia|Bandar Seri Begawan|بندر سري بكاوان/بندر سيري بيغاوان|بروناي دار السلام|بروناوي|
BGR|BG|Bulgaria|eastern_europe|Sofia|صوفيا||بلغاري|
BFA|BF|Burkina Faso|west_africa|Ouagadougou|واغادوغو/واجادوجو|بوركينافاسو|بوركيني/بوركينابي|
BDI|BI|Burundi|east_africa|Gitega|جيتيغا/غيتيغا||بوروندي|
CPV|CV|Cabo Verde|west_africa|Praia|برايا|كابو فيردي/كاب فيردي/الرأس الأخضر||
KHM|KH|Cambodia|southeast_asia|Phnom Penh|بنوم بنه|كامبوديا|كمبودي|
CMR|CM|Cameroon|central_africa|Yaoundé|ياوندي||كاميروني|
CAN|CA|Canada|north_america|Ottawa|أوتاوا||كندي|
CAF|CF|Central African Republic|central_africa|Bangui|بانغي/بانجي|أفريقيا الوسطى/إفريقيا الوسطى||
TCD|TD|Chad|central_africa|N'Djamena|نجامينا/إنجامينا||تشادي|
CHL|CL|Chile|south_america|Santiago|سانتياغو/سانتياجو|شيلي|تشيلي/شيلي|
CHN|CN|China|east_asia|Beijing|بكين/بيجين/بيجينغ|جمهورية الصين الشعبية|صيني|
COL|CO|Colombia|south_america|Bogotá|بوغوتا/بوجوتا||كولومبي|
COM|KM|Comoros|east_africa|Moroni|موروني|جمهورية القمر المتحدة||
COG|CG|Republic of the Congo|central_africa|Brazzaville|برازافيل|الكونغو برازافيل/جمهورية الكونغو||
COD|CD|Democratic Republic of the Congo|central_africa|Kinshasa|كينشاسا|جمهورية الكونغو الديمقراطية/الكونغو الديمقراطية/الكونغو كينشاسا/الكونغو|كونغولي|
CRI|CR|Costa Rica|central_america|San José|سان خوسيه|كوستا ريكا|كوستاريكي|
CIV|CI|Côte d'Ivoire|west_africa|Yamoussoukro|ياموسوكرو|كوت ديفوار|إيفواري|أبيدجان
HRV|HR|Croatia|southern_europe|Zagreb|زغرب||كرواتي|
CUB|CU|Cuba|caribbean|Havana|هافانا||كوبي|
CYP|CY|Cyprus|southern_europe|Nicosia|نيقوسيا||قبرصي|
CZE|CZ|Czechia|eastern_europe|Prague|براغ|جمهورية التشيك/تشيكيا|تشيكي|
DNK|DK|Denmark|northern_europe|Copenhagen|كوبنهاغن/كوبنهاجن|الدنمارك|دنماركي/دانماركي|
DJI|DJ|Djibouti|horn_of_africa|Djibouti|جيبوتي||جيبوتي|
DMA|DM|Dominica|caribbean|Roseau|روسو|||
DOM|DO|Dominican Republic|caribbean|Santo Domingo|سانتو دومينغو/سانتو دومينجو|الدومينيكان|دومينيكاني|
ECU|EC|Ecuador|south_america|Quito|كيتو|إكوادور|إكوادوري|
EGY|EG|Egypt|north_africa|Cairo|القاهرة|جمهورية مصر العربية|مصري|قصر الاتحادية
SLV|SV|El Salvador|central_america|San Salvador|سان سلفادور||سلفادوري|
GNQ|GQ|Equatorial Guinea|central_africa|Malabo|مالابو|||
ERI|ER|Eritrea|horn_of_africa|Asmara|أسمرة/أسمرا|إريتيريا|إريتري|
EST|EE|Estonia|northern_europe|Tallinn|تالين||إستوني|
SWZ|SZ|Eswatini|southern_africa|Mbabane|مباباني|سوازيلاند|سوازي|
ETH|ET|Ethiopia|horn_of_africa|Addis Ababa|أديس أبابا|الحبشة|إثيوبي|
FJI|FJ|Fiji|oceania|Suva|سوفا||فيجي|
FIN|FI|Finland|northern_europe|Helsinki|هلسنكي||فنلندي|
FRA|FR|France|western_europe|Paris|باريس|الجمهورية الفرنسية|فرنسي|الإليزيه/قصر الإليزيه
GAB|GA|Gabon|central_africa|Libreville|ليبرفيل|الجابون|غابوني/جابوني|
GMB|GM|Gambia|west_africa|Banjul|بانجول|جامبيا|غامبي|
GEO|GE|Georgia|caucasus|Tbilisi|تبليسي||جورجي|
DEU|DE|Germany|western_europe|Berlin|برلين|جمهورية ألمانيا الاتحادية|ألماني|
GHA|GH|Ghana|west_africa|Accra|أكرا||غاني|
GRC|GR|Greece|southern_europe|Athens|أثينا||يوناني|
GRD|GD|Grenada|caribbean|St. George's|سانت جورجز|||
GTM|GT|Guatemala|central_america|Guatemala City|غواتيمالا/مدينة غواتيمالا|جواتيمالا|غواتيمالي|
GIN|GN|Guinea|west_africa|Conakry|كوناكري|غينيا كوناكري|غيني|
GNB|GW|Guinea-Bissau|west_africa|Bissau|بيساو|||
GUY|GY|Guyana|south_america|Georgetown|جورج تاون/جورجتاون|غويانا|غياني/غوياني|
HTI|HT|Haiti|caribbean|Port-au-Prince|بورت أو برنس||هايتي|
HND|HN|Honduras|central_america|Tegucigalpa|تيغوسيغالبا||هندوراسي|
HUN|HU|Hungary|eastern_europe|Budapest|بودابست|المجر|مجري/هنغاري|
ISL|IS|Iceland|northern_europe|Reykjavík|ريكيافيك|أيسلندا|آيسلندي|
IND|IN|India|south_asia|New Delhi|نيودلهي/نيو دلهي||هندي|
IDN|ID|Indonesia|southeast_asia|Jakarta|جاكرتا||إندونيسي|
IRN|IR|Iran|middle_east|Tehran|طهران|الجمهورية الإسلامية الإيرانية|إيراني|
IRQ|IQ|Iraq|middle_east|Baghdad|بغداد|جمهورية العراق|عراقي|
IRL|IE|Ireland|northern_europe|Dublin|دبلن|إيرلندا/جمهورية أيرلندا|أيرلندي|
ISR|IL|Israel|middle_east|Jerusalem|القدس|دولة إسرائيل/دولة الاحتلال/الكيان الصهيوني/الكيان الإسرائيلي|إسرائيلي|تل أبيب
ITA|IT|Italy|southern_europe|Rome|روما||إيطالي|
JAM|JM|Jamaica|caribbean|Kingston|كينغستون/كينجستون||جامايكي|
JPN|JP|Japan|east_asia|Tokyo|طوكيو||ياباني|
JOR|JO|Jordan|middle_east|Amman|عمّان|المملكة الأردنية الهاشمية/المملكة الأردنية|أردني|
KAZ|KZ|Kazakhstan|central_asia|Astana|أستانا|كازخستان|كازاخستاني/كازاخي|
KEN|KE|Kenya|east_africa|Nairobi|نيروبي||كيني|
KIR|KI|Kiribati|oceania|Tarawa|تاراوا|||
PRK|KP|North Korea|east_asia|Pyongyang|بيونغ يانغ/بيونغيانغ/بيونج يانج|كوريا الديمقراطية/جمهورية كوريا الديمقراطية الشعبية|كوري شمالي|
KOR|KR|South Korea|east_asia|Seoul|سيول/سول|جمهورية كوريا|كوري جنوبي|
KWT|KW|Kuwait|middle_east|Kuwait City|الكويت/مدينة الكويت|دولة الكويت|كويتي|
KGZ|KG|Kyrgyzstan|central_asia|Bishkek|بيشكك|قرغيزستان/قيرغيزيا|قيرغيزي/قرغيزي|
LAO|LA|Laos|southeast_asia|Vientiane|فيينتيان||لاوسي|
LVA|LV|Latvia|northern_europe|Riga|ريغا/ريجا||لاتفي|
LBN|LB|Lebanon|middle_east|Beirut|بيروت|الجمهورية اللبنانية|لبناني|بعبدا/قصر بعبدا/السراي الحكومي
LSO|LS|Lesotho|southern_africa|Maseru|ماسيرو|||
LBR|LR|Liberia|west_africa|Monrovia|مونروفيا||ليبيري|
LBY|LY|Libya|north_africa|Tripoli|طرابلس/طرابلس الغرب|دولة ليبيا|ليبي|
LIE|LI|Liechtenstein|western_europe|Vaduz|فادوز|||
LTU|LT|Lithuania|northern_europe|Vilnius|فيلنيوس||ليتواني/لتواني|
LUX|LU|Luxembourg|western_europe|Luxembourg|لوكسمبورغ/لوكسمبورج|لوكسمبورج|لوكسمبورغي|
MDG|MG|Madagascar|east_africa|Antananarivo|أنتاناناريفو||مدغشقري/ملغاشي|
MWI|MW|Malawi|east_africa|Lilongwe|ليلونغوي|مالاوي|مالاوي/ملاوي|
MYS|MY|Malaysia|southeast_asia|Kuala Lumpur|كوالالمبور/كوالا لمبور||ماليزي|بوتراجايا
MDV|MV|Maldives|south_asia|Malé|ماليه|المالديف|مالديفي|
MLI|ML|Mali|west_africa|Bamako|باماكو|جمهورية مالي||
MLT|MT|Malta|southern_europe|Valletta|فاليتا||مالطي|
MHL|MH|Marshall Islands|oceania|Majuro|ماجورو|||
MRT|MR|Mauritania|north_africa|Nouakchott|نواكشوط|الجمهورية الإسلامية الموريتانية|موريتاني|
MUS|MU|Mauritius|east_africa|Port Louis|بورت لويس|موريشيوس|موريشيوسي|
MEX|MX|Mexico|central_america|Mexico City|مكسيكو سيتي/مدينة مكسيكو||مكسيكي|
FSM|FM|Micronesia|oceania|Palikir|باليكير|||
MDA|MD|Moldova|eastern_europe|Chișinău|كيشيناو|مولدافيا|مولدوفي/مولدافي|
MCO|MC|Monaco|western_europe|Monaco|موناكو|||
MNG|MN|Mongolia|east_asia|Ulaanbaatar|أولان باتور/أولانباتار||منغولي|
MNE|ME|Montenegro|southern_europe|Podgorica|بودغوريتسا/بودغوريتشا|مونتينيغرو|مونتينيغري|
MAR|MA|Morocco|north_africa|Rabat|الرباط|المملكة المغربية|مغربي|
MOZ|MZ|Mozambique|southern_africa|Maputo|مابوتو||موزمبيقي|
MMR|MM|Myanmar|southeast_asia|Naypyidaw|نايبيداو/نايبيتاو|ميانمار|ميانماري/بورمي|
NAM|NA|Namibia|southern_africa|Windhoek|ويندهوك||ناميبي|
NRU|NR|Nauru|oceania|Yaren|يارين|||
NPL|NP|Nepal|south_asia|Kathmandu|كاتماندو||نيبالي|
NLD|NL|Netherlands|western_europe|Amsterdam|أمستردام||هولندي|
NZL|NZ|New Zealand|oceania|Wellington|ويلينغتون/ولينغتون/ويلنغتون|نيوزلندا|نيوزيلندي|
NIC|NI|Nicaragua|central_america|Managua|ماناغوا/ماناجوا|نيكاراجوا|نيكاراغوي/نيكاراجوي|
NER|NE|Niger|west_africa|Niamey|نيامي||نيجري|
NGA|NG|Nigeria|west_africa|Abuja|أبوجا||نيجيري|
MKD|MK|North Macedonia|southern_europe|Skopje|سكوبيه/سكوبي|مقدونيا|مقدوني|
NOR|NO|Norway|northern_europe|Oslo|أوسلو||نرويجي|
OMN|OM|Oman|middle_east|Muscat|مسقط|سلطنة عمان/عمان|عماني|
PAK|PK|Pakistan|south_asia|Islamabad|إسلام آباد/إسلام أباد|جمهورية باكستان الإسلامية|باكستاني|
PLW|PW|Palau|oceania|Ngerulmud|نغيرولمود|||
PAN|PA|Panama|central_america|Panama City|بنما/مدينة بنما|باناما|بنمي|
PNG|PG|Papua New Guinea|oceania|Port Moresby|بورت مورسبي|بابوا نيو غينيا||
PRY|PY|Paraguay|south_america|Asunción|أسونسيون|الباراغواي/باراجواي|باراغواياني/باراغوايي|
PER|PE|Peru|south_america|Lima|ليما||بيروفي|
PHL|PH|Philippines|southeast_asia|Manila|مانيلا|الفيليبين/الفليبين|فلبيني/فيليبيني|
POL|PL|Poland|eastern_europe|Warsaw|وارسو|بولونيا|بولندي/بولوني|
PRT|PT|Portugal|southern_europe|Lisbon|لشبونة||برتغالي|
QAT|QA|Qatar|middle_east|Doha|الدوحة|دولة قطر|قطري|
ROU|RO|Romania|eastern_europe|Bucharest|بوخارست||روماني|
RUS|RU|Russia|eastern_europe|Moscow|موسكو|روسيا الاتحادية/الاتحاد الروسي|روسي|الكرملين
RWA|RW|Rwanda|east_africa|Kigali|كيغالي/كيجالي||رواندي|
KNA|KN|Saint Kitts and Nevis|caribbean|Basseterre|باستير|||
LCA|LC|Saint Lucia|caribbean|Castries|كاستريس|||
VCT|VC|Saint Vincent and the Grenadines|caribbean|Kingstown|كينغستاون|||
WSM|WS|Samoa|oceania|Apia|آبيا||ساموي|
SMR|SM|San Marino|southern_europe|San Marino|سان مارينو|||
STP|ST|São Tomé and Príncipe|central_africa|São Tomé|ساو تومي|||
SAU|SA|Saudi Arabia|middle_east|Riyadh|الرياض|السعودية/العربية السعودية|سعودي|قصر اليمامة
SEN|SN|Senegal|west_africa|Dakar|داكار||سنغالي|
SRB|RS|Serbia|southern_europe|Belgrade|بلغراد||صربي|
SYC|SC|Seychelles|east_africa|Victoria|فيكتوريا|سيشيل|سيشيلي|
SLE|SL|Sierra Leone|west_africa|Freetown|فريتاون|سيراليون|سيراليوني|
SGP|SG|Singapore|southeast_asia|Singapore|سنغافورة||سنغافوري|
SVK|SK|Slovakia|eastern_europe|Bratislava|براتيسلافا||سلوفاكي|
SVN|SI|Slovenia|southern_europe|Ljubljana|ليوبليانا/لوبليانا||سلوفيني|
SLB|SB|Solomon Islands|oceania|Honiara|هونيارا|||
SOM|SO|Somalia|horn_of_africa|Mogadishu|مقديشو|جمهورية الصومال الفيدرالية|صومالي|
ZAF|ZA|South Africa|southern_africa|Pretoria|بريتوريا|جنوب إفريقيا/جمهورية جنوب أفريقيا|جنوب أفريقي/جنوب إفريقي|
SSD|SS|South Sudan|east_africa|Juba|جوبا|دولة جنوب السودان|جنوب سوداني|
ESP|ES|Spain|southern_europe|Madrid|مدريد||إسباني|
LKA|LK|Sri Lanka|south_asia|Sri Jayawardenepura Kotte|سري جاياواردنابورا كوتي|سري لانكا|سريلانكي|كولومبو
SDN|SD|Sudan|north_africa|Khartoum|الخرطوم|جمهورية السودان|سوداني|بورتسودان/بورت سودان
SUR|SR|Suriname|south_america|Paramaribo|باراماريبو|سورينام|سورينامي|
SWE|SE|Sweden|northern_europe|Stockholm|ستوكهولم||سويدي|
CHE|CH|Switzerland|western_europe|Bern|برن/بيرن||سويسري|
SYR|SY|Syria|middle_east|Damascus|دمشق|سورية/الجمهورية العربية السورية|سوري|قصر الشعب
TJK|TJ|Tajikistan|central_asia|Dushanbe|دوشانبي|طاجكستان|طاجيكي/طاجيكستاني|
TZA|TZ|Tanzania|east_africa|Dodoma|دودوما||تنزاني|
THA|TH|Thailand|southeast_asia|Bangkok|بانكوك|تايلند|تايلاندي/تايلندي|
TLS|TL|Timor-Leste|southeast_asia|Dili|ديلي|تيمور الشرقية/تيمور ليشتي|تيموري|
TGO|TG|Togo|west_africa|Lomé|لومي||توغولي|
TON|TO|Tonga|oceania|Nukuʻalofa|نوكوالوفا||تونغي|
TTO|TT|Trinidad and Tobago|caribbean|Port of Spain|بورت أوف سبين||ترينيدادي|
TUN|TN|Tunisia|north_africa|Tunis|تونس/تونس العاصمة|الجمهورية التونسية|تونسي|قرطاج/قصر قرطاج
TUR|TR|Türkiye|middle_east|Ankara|أنقرة||تركي|
TKM|TM|Turkmenistan|central_asia|Ashgabat|عشق آباد/عشق أباد||تركمانستاني/تركماني|
TUV|TV|Tuvalu|oceania|Funafuti|فونافوتي|||
UGA|UG|Uganda|east_africa|Kampala|كمبالا||أوغندي|
UKR|UA|Ukraine|eastern_europe|Kyiv|كييف||أوكراني|
ARE|AE|United Arab Emirates|middle_east|Abu Dhabi|أبوظبي/أبو ظبي|الإمارات/دولة الإمارات/دولة الإمارات العربية المتحدة|إماراتي|
GBR|GB|United Kingdom|northern_europe|London|لندن|بريطانيا/بريطانيا العظمى/المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية|بريطاني|داونينغ ستريت/داوننغ ستريت/داونينج ستريت
USA|US|United States|north_america|Washington|واشنطن|الولايات المتحدة الأمريكية/الولايات المتحدة الأميركية/أمريكا/أميركا|أمريكي/أميركي|البيت الأبيض
URY|UY|Uruguay|south_america|Montevideo|مونتيفيديو|الأوروغواي/الأوروجواي|أوروغواياني/أوروغوياني|
UZB|UZ|Uzbekistan|central_asia|Tashkent|طشقند||أوزبكي/أوزبكستاني|
VUT|VU|Vanuatu|oceania|Port Vila|بورت فيلا|||
VEN|VE|Venezuela|south_america|Caracas|كاراكاس||فنزويلي|
VNM|VN|Vietnam|southeast_asia|Hanoi|هانوي|فييتنام|فيتنامي|
YEM|YE|Yemen|middle_east|Sanaa|صنعاء|الجمهورية اليمنية|يمني|عدن
ZMB|ZM|Zambia|southern_africa|Lusaka|لوساكا||زامبي|
ZWE|ZW|Zimbabwe|southern_africa|Harare|هراري||زيمبابوي|
PSE|PS|Palestine|middle_east|East Jerusalem|القدس الشرقية|فلسطين/دولة فلسطين/الأراضي الفلسطينية المحتلة|فلسطيني|رام الله
KOS|XK|Kosovo|southern_europe|Pristina|بريشتينا|جمهورية كوسوفو|كوسوفي|
ESH|EH|Western Sahara|north_africa|Laayoune|العيون|||
TWN|TW|Taiwan|east_asia|Taipei|تايبيه/تايبي||تايواني|
"""

# Capitals (or capital spellings) NOT used as metonyms, with the reason.  Every other capital
# spelling is a metonym of its country.
METONYM_EXCLUDE = {
    # Amman: without the shadda the matcher reads "عمان", which is Oman.
    "JOR": {"عمّان"},
    # Brussels stands for the EU (and NATO) far more often than for Belgium.
    "BEL": {"بروكسل"},
    # Victoria: a personal name, an Australian state, Lake Victoria.
    "SYC": {"فيكتوريا"},
    # Jerusalem is the city itself in Arabic news; Israel's government is "تل أبيب".
    "ISR": {"القدس"},
    # The State of Palestine's declared capital; the government metonym is Ramallah.
    "PSE": {"القدس الشرقية"},
    # Laayoune = "the eyes"; Western Sahara has no government seat it stands for.
    "ESH": {"العيون"},
}

# Why some countries have no nisba: the adjective is an ordinary Arabic word or shared.
NISBA_NOTES = {
    "MLI": "مالي is also 'financial' (المالية = finance)",
    "COM": "قمري is 'lunar'",
    "ESH": "صحراوي is 'desert' (adjective)",
    "COG": "كونغولي is given to COD only (the press mostly means the DRC)",
    "DMA": "دومينيكي is ambiguous with the Dominican Republic",
}

# CLDR names rewritten into the form the press uses (after splitting parentheses).
CLDR_FIX = {
    "CD": ["الكونغو الديمقراطية"],  # "الكونغو - كينشاسا"
    "CG": ["الكونغو برازافيل"],  # "الكونغو - برازافيل"
    "TL": ["تيمور الشرقية"],  # "تيمور - ليشتي"
    "PS": ["الأراضي الفلسطينية"],
}

ARABIC = re.compile(r"[\u0621-\u064A]")


def split(field: str) -> list[str]:
    return [x.strip() for x in field.split("/") if x.strip()]


def cldr_names(iso2: str, ar: dict[str, str]) -> list[str]:
    if iso2 in CLDR_FIX:
        return list(CLDR_FIX[iso2])
    name = ar[iso2]
    out = []
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", name)
    if m:
        out += [m.group(1), m.group(2)]
    else:
        out.append(name)
    return [re.sub(r"\s+-\s+", " ", x).strip() for x in out]


def dedupe(xs):
    seen, out = set(), []
    for x in xs:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def build() -> list[dict]:
    ar = babel.Locale("ar").territories
    records = []
    for line in TABLE.strip().splitlines():
        cols = line.split("|")
        if len(cols) != 9:
            raise SystemExit(f"bad row ({len(cols)} columns): {line}")
        iso3, iso2, name, region, capital, cap_ar, extra, nisba, meto = cols
        if iso2 not in ar:
            raise SystemExit(f"{iso2} not in CLDR")
        capital_ar = dedupe(split(cap_ar))
        excl = METONYM_EXCLUDE.get(iso3, set())
        metonyms = [c for c in capital_ar if c not in excl] + split(meto)
        records.append({
            "id": iso3,
            "iso2": iso2,
            "name": name,
            "names_ar": dedupe(cldr_names(iso2, ar) + split(extra)),
            "nisba_ar": dedupe(split(nisba)),
            "capital": capital,
            "capital_ar": capital_ar,
            "metonyms_ar": dedupe(metonyms),
            "region": region,
        })
    return records


def main() -> int:
    records = build()
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)), "duplicate iso3"
    assert len({r["iso2"] for r in records}) == len(records), "duplicate iso2"
    for r in records:
        for k in ("names_ar", "nisba_ar", "capital_ar", "metonyms_ar"):
            for s in r[k]:
                assert ARABIC.search(s) and not re.search("[A-Za-z]", s), (r["id"], k, s)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as f:
        for r in sorted(records, key=lambda r: r["id"]):
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    n_nisba = sum(1 for r in records if r["nisba_ar"])
    print(f"wrote {OUT.relative_to(ROOT)}: {len(records)} countries, {n_nisba} with nisba")
    return 0


if __name__ == "__main__":
    sys.exit(main())
