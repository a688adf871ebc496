package leadgen

import (
	"strconv"
	"unicode/utf8"
)

// A text is a string rendered once, at package initialisation, as the body
// of a JSON string in two ways: raw keeps non-ASCII characters as UTF-8 and
// escapes only what JSON requires (quote, backslash, control characters);
// asc also writes every non-ASCII character as \uXXXX, with surrogate pairs
// above U+FFFF. Concatenating escaped texts gives a valid escaped string, so
// lines are built without escaping at run time.
type text struct {
	raw, asc string
}

func mk(s string) text {
	return text{raw: escape(s, false), asc: escape(s, true)}
}

func texts(ss ...string) []text {
	out := make([]text, len(ss))
	for i, s := range ss {
		out[i] = mk(s)
	}
	return out
}

func escape(s string, ascii bool) string {
	b := make([]byte, 0, len(s)+8)
	for _, r := range s {
		switch {
		case r == '"':
			b = append(b, '\\', '"')
		case r == '\\':
			b = append(b, '\\', '\\')
		case r == '\n':
			b = append(b, '\\', 'n')
		case r == '\r':
			b = append(b, '\\', 'r')
		case r == '\t':
			b = append(b, '\\', 't')
		case r < 0x20:
			b = appendU(b, r)
		case r < utf8.RuneSelf || !ascii:
			b = utf8.AppendRune(b, r)
		case r > 0xffff:
			r -= 0x10000
			b = appendU(b, 0xd800+(r>>10))
			b = appendU(b, 0xdc00+(r&0x3ff))
		default:
			b = appendU(b, r)
		}
	}
	return string(b)
}

func appendU(b []byte, r rune) []byte {
	b = append(b, '\\', 'u')
	h := strconv.FormatInt(int64(r), 16)
	for range 4 - len(h) {
		b = append(b, '0')
	}
	return append(b, h...)
}

// A name is a person's name as the pools hold it. Names written family name
// first without a space (CJK) have only full set: Copper then puts the whole
// name in first_name and leaves last_name null, as its server does for names
// it cannot split.
type name struct {
	first, last, full text
	handle            string // ASCII local part for e-mail addresses
	unsplit           bool
}

func nm(first, last, handle string) name {
	return name{first: mk(first), last: mk(last), full: mk(first + " " + last), handle: handle}
}

func nmWhole(full, handle string) name {
	t := mk(full)
	return name{first: t, full: t, handle: handle, unsplit: true}
}

var names = []name{
	nm("Anna", "Schäfer", "anna.schaefer"),
	nm("José", "Álvarez", "jose.alvarez"),
	nm("François", "Lefèvre", "f.lefevre"),
	nm("Łukasz", "Wiśniewski", "lukasz.wisniewski"),
	nm("Søren", "Kierkegård", "soren.k"),
	nm("Zoe\u0308", "Bronte\u0308", "zoe.bronte"), // combining diaeresis
	nm("Çağla", "Öztürk", "cagla.ozturk"),
	nm("João", "Gonçalves", "joao.goncalves"),
	nm("Mária", "Kovács", "maria.kovacs"),
	nm("Jiří", "Dvořák", "jiri.dvorak"),
	nm("Siobhán", "Ní Bhriain", "siobhan.nibhriain"),
	nm("Minh", "Nguyễn", "minh.nguyen"),
	nm("Emily", "Clarke", "emily.clarke"),
	nm("Michael", "O'Neill", "m.oneill"),
	nm("Sarah", "Johnson", "sarah.j"),
	nm("David", "Miller", "dmiller"),
	nm("Дмитрий", "Соколов", "d.sokolov"),
	nm("Ольга", "Иванова", "olga.ivanova"),
	nm("Олександр", "Коваленко", "o.kovalenko"),
	nm("Νίκος", "Παπαδόπουλος", "n.papadopoulos"),
	nm("Ελένη", "Γεωργίου", "eleni.georgiou"),
	nmWhole("王芳", "wang.fang"),
	nmWhole("李娜", "li.na"),
	nmWhole("陳大文", "chan.taiman"),
	nmWhole("田中愛子", "aiko.tanaka"),
	nmWhole("김민준", "minjun.kim"),
	nm("محمد", "الحسيني", "m.alhusseini"),
	nm("فاطمة", "الزهراء", "fatima.alzahraa"),
	nm("יעל", "כהן", "yael.cohen"),
	nm("דוד", "לוי", "david.levi"),
	nm("प्रिया", "शर्मा", "priya.sharma"),
	nm("राहुल", "वर्मा", "rahul.verma"),
	nm("สมชาย", "ใจดี", "somchai.j"),
	nm("Benjamin", "\"Benny\" O'Connor", "benny.oconnor"),
}

// companies pairs a company name with an e-mail domain.
type company struct {
	name   text
	domain string
}

func co(n, domain string) company { return company{mk(n), domain} }

var companies = []company{
	co("Brandt & Söhne GmbH", "brandt-soehne.de"),
	co("Álvarez Logística S.L.", "alvarez-logistica.es"),
	co("ООО «Северный Ветер»", "severveter.ru"),
	co("上海明辉科技有限公司", "minghui-tech.cn"),
	co("شركة الأفق للتجارة", "alofuq.sa"),
	co("Tel Aviv Robotics Ltd", "tlvrobotics.co.il"),
	co("Sharma Textiles Pvt. Ltd.", "sharmatextiles.in"),
	co("Aegean Freight Α.Ε.", "aegeanfreight.gr"),
	co("Café Lumière SARL", "cafe-lumiere.fr"),
	co("神戸精密株式会社", "kobe-seimitsu.co.jp"),
	co("Nørrebro Bryghus ApS", "noerrebro-bryghus.dk"),
	co("Łódź Metal Works Sp. z o.o.", "lodzmetal.pl"),
	co("Acme \"Widgets\" Inc.", "acme-widgets.com"),
	co(`Smith\Jones LLP`, "smithjones.law"),
	co("Zürich Rückversicherung AG", "zuerich-rueck.ch"),
	co("São Paulo Alimentos Ltda.", "spalimentos.com.br"),
	co("서울데이터 주식회사", "seouldata.co.kr"),
	co("İstanbul Tekstil A.Ş.", "istanbultekstil.com.tr"),
	co("Cà phê Hà Nội Co.", "caphehanoi.vn"),
	co("Globex 🌐 Corporation", "globex.example"),
	co("Northwind Traders", "northwindtraders.com"),
	co("Kraków Software S.A.", "krakowsoftware.pl"),
	co("Müller & Co. KG", "mueller-co.de"),
	co("מעבדות אורן בע\"מ", "oren-labs.co.il"),
}

var freeMail = []string{"gmail.com", "outlook.com", "yahoo.co.jp", "mail.ru", "qq.com", "web.de", "icloud.com", "proton.me"}

var products = texts("Analytics Cloud", "Data Connectors", "Embedded BI", "Training", "Premium Support", "On-premise licence")

var dealNouns = texts("rollout", "renewal", "pilot", "upgrade", "expansion", "POC", "migration", "licence true-up", "onboarding", "Verlängerung", "продление", "续约")

var emoji = texts(" 🔥", " 🚀", " ✅", " 👩🏽\u200d💻", " 🇩🇪", " ⭐️", " 🤝")

var (
	tDash      = mk(" – ")
	tLead      = mk(" lead")
	tDeal      = mk(" deal")
	tFor       = mk(" for ")
	tSeats     = mk(" seats)")
	tOpenParen = mk(" (")
	tColon     = mk(": ")
	tSpace     = mk(" ")
	tComma     = mk(", ")
	tQuoted    = texts(`"Q3" renewal \ `, `Re: "urgent" \ `, `C:\exports\leads.csv – `, `[dup?] "`)
)

var notes = texts(
	"Met at the trade fair; wants a demo next week.",
	"Needs SSO with Azure AD.\nBudget approved for a 3-month pilot.",
	"Asked for a quote in EUR and CHF.",
	"Current stack: Excel + Power BI.\tDecision in September.",
	"Said \"call me after the holidays\" – follow up in January.",
	"Path to the RFP: \\\\fileserver\\sales\\rfp-2024.pdf",
	"希望下个月安排演示。\n需要中文界面。",
	"Хочет пилот на 3 месяца, бюджет согласован.",
	"يحتاج إلى عرض سعر باللغة العربية.",
	"מבקשת הדגמה ביום ראשון.",
	"डेमो अगले सप्ताह चाहिए।",
	"Ζήτησε προσφορά έως την Παρασκευή.",
	"お見積りを月末までに送付予定。",
	"Très intéressé par l'offre « Premium Support ».",
	"Läuft über den Partner; Entscheidung im Q4. 👍",
	"Referred by an existing customer 🙌🏾 – priority.",
)

var jobTitles = texts(
	"Head of Operations", "CTO", "Procurement Manager", "VP, Sales & Marketing", "Managing Director",
	"Data \"Wrangler\"", "Einkaufsleiter", "Directora de Compras", "Gérante", "采购经理",
	"Финансовый директор", "مدير المبيعات", "מנהלת מוצר", "प्रबंधक", "代表取締役社長",
	"Υπεύθυνος Logistics", "IT-Leiter", "Office Coordinator", "Founder & CEO",
)

var tags = texts(
	"enterprise", "smb", "dach", "q3-pipeline", "partner", "trade-show", "vip", "renewal",
	"webinar", "re-engage", "high-intent", "中国", "🚀 fast-track", "Ünïcödé", "عربي", "ελληνικά",
)

var campaignCodes = texts("DACH-SPRING-24", "IN-TEXTILE-Q3", "GR-FREIGHT", "NA-WEBINAR-0925", "JP-EXPO-2025", "EMEA/PARTNER/Q1", "LATAM-ADS-07", "UK-EVENTS-11")

var competitors = texts("Tableau", "Power BI", "Looker", "Qlik", "Domo", "Sisense", "Metabase", "ThoughtSpot", "Ñandú Analytics™")

var origins = []struct {
	source, origin string
	weight         int
}{
	{"API", "API", 40},
	{"Manually created", "ManuallyCreated", 20},
	{"Web forms", "WebForms", 12},
	{"Import", "Import", 8},
	{"Prospector", "Prospector", 6},
	{"Leadbooster", "LeadBooster", 5},
	{"Live chat", "LiveChat", 4},
	{"Website visitors", "WebsiteVisitors", 3},
	{"Workflow automation", "WorkflowAutomation", 2},
}

var originWeights = func() []int {
	w := make([]int, len(origins))
	for i, o := range origins {
		w[i] = o.weight
	}
	return w
}()

var originIDs = []string{"hubspot-sync-", "zapier-form-", "import-batch-", "typeform-", "make-scenario-"}

var channelIDs = texts("partner-portal/DE/2024-05", "google-ads/IN/textiles", "newsletter-2024-11", "微信 / WeChat · campaña «otoño»", "linkedin-lead-gen", "booth-B12", "utm_source=bing&utm_medium=cpc")

// currencies lists ISO 4217 codes with a weight; zero marks currencies
// without minor units.
var currencies = []struct {
	code   string
	weight int
	zero   bool
}{
	{"EUR", 30, false}, {"USD", 30, false}, {"GBP", 10, false}, {"CHF", 5, false},
	{"JPY", 4, true}, {"SEK", 2, false}, {"NOK", 2, false}, {"DKK", 2, false},
	{"PLN", 2, false}, {"CZK", 1, false}, {"CAD", 3, false}, {"AUD", 2, false},
	{"INR", 2, false}, {"CNY", 2, false}, {"BRL", 1, false}, {"KRW", 1, true},
	{"ILS", 1, false}, {"SAR", 1, false}, {"AED", 1, false}, {"SGD", 1, false},
}

var currencyWeights = func() []int {
	w := make([]int, len(currencies))
	for i, c := range currencies {
		w[i] = c.weight
	}
	return w
}()

// phoneFormats are number patterns; '#' becomes a random digit.
var phoneFormats = []string{
	"+49 30 #### ####", "+49 171 #######", "+1 (415) 555-####", "+1 212-555-####", "+44 20 7946 ####",
	"+33 1 ## ## ## ##", "+81 3-####-####", "+86 138 #### ####", "+91 22 #### ####", "+7 495 ###-##-##",
	"+972 52-###-####", "+966 11 ### ####", "+30 210 ### ####", "+34 915 ### ###", "+55 11 9####-####",
	"415-555-####", "##########", "+353 1 ### ####",
}

// An address is a postal address; state may be empty for countries
// without one (written as null or "" by the vendors).
type address struct {
	street, city, state text
	postal, country     string // ISO 3166-1 alpha-2
	countryName         text
	hasState            bool
}

func ad(street, city, state, postal, country, countryName string) address {
	return address{mk(street), mk(city), mk(state), postal, country, mk(countryName), state != ""}
}

var addresses = []address{
	ad("Torstraße 17", "Berlin", "Berlin", "10119", "DE", "Germany"),
	ad("Maximilianstraße 35", "München", "Bayern", "80539", "DE", "Germany"),
	ad("301 Howard St Ste 600", "San Francisco", "CA", "94105", "US", "United States"),
	ad("213 West Main St", "Scranton", "PA", "18503", "US", "United States"),
	ad("8 Rue des Écoles", "Paris", "", "75005", "FR", "France"),
	ad("Calle de Alcalá, 42, 3º B", "Madrid", "Madrid", "28009", "ES", "Spain"),
	ad("улица Тверская, 12", "Москва", "", "125009", "RU", "Russia"),
	ad("南京西路188号", "上海市", "上海市", "200040", "CN", "China"),
	ad("港島中町3-1", "神戸市", "兵庫県", "650-0046", "JP", "Japan"),
	ad("7 طريق الملك فهد، العليا", "الرياض", "", "12214", "SA", "Saudi Arabia"),
	ad("Rothschild Blvd 50", "Tel Aviv-Yafo", "", "6688314", "IL", "Israel"),
	ad("Unit 4, 221 Linking Road", "Mumbai", "Maharashtra", "400050", "IN", "India"),
	ad("Ακτή Μιαούλη 85", "Πειραιάς", "Αττική", "185 38", "GR", "Greece"),
	ad("Av. Paulista, 1578", "São Paulo", "SP", "01310-200", "BR", "Brazil"),
	ad("10 Downing St", "London", "", "SW1A 2AA", "GB", "United Kingdom"),
	ad("ul. Piotrkowska 104", "Łódź", "łódzkie", "90-004", "PL", "Poland"),
	ad("İstiklal Cd. No:123", "İstanbul", "", "34433", "TR", "Türkiye"),
	ad("세종대로 110", "서울특별시", "", "04524", "KR", "South Korea"),
	ad("1 Yonge St", "Toronto", "ON", "M5E 1E5", "CA", "Canada"),
}
