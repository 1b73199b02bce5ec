package demo

import (
	"fmt"

	"payesh"
)

// unitSpec is one org unit of the demo tree; parent is a unit code, empty
// for a root.
type unitSpec struct {
	code, parent string
	kind         payesh.UnitKind
	fa, en       string
}

// Code of the organization and of the units the rest of the demo refers to.
const (
	unitSSO         = "sso"
	unitSecretariat = "secretariat"
	// unitCouncil is the organization's council of deputies, which made
	// the founding resolution (seed 001).
	unitCouncil    = "council-deputies"
	unitLegal      = "deputy-legal"
	unitWomen      = "office-women-family"
	unitResearch   = "research-institute"
	unitMinistry   = "partner-mcls"
	unitUniversity = "partner-universities"
	unitSeminary   = "partner-qom-seminary"
	unitKhorasan   = "prov-khorasan-razavi"
)

// headquarters are the organization and the units the reports name. The
// names are those the reports use: the deputy's in seed 002, the women and
// family affairs office in seed 003, the research institute in seed 000,
// the council of deputies and public relations in seed 001.
var headquarters = []unitSpec{
	{unitSSO, "", payesh.UnitOrganization, "سازمان تأمین اجتماعی", "Social Security Organization"},
	{unitCouncil, unitSSO, payesh.UnitOffice, "شورای معاونین سازمان", "Council of Deputies"},
	{unitSecretariat, unitSSO, payesh.UnitOffice,
		"دبیرخانه دائمی پیگیری سیاست‌های کلی تأمین اجتماعی",
		"Permanent Secretariat for Following up the General Social Security Policies"},
	{unitLegal, unitSSO, payesh.UnitDeputy,
		"معاونت حقوقی، مجلس، دولت و امور بین‌الملل",
		"Deputy for Legal, Parliament, Government and International Affairs"},
	{unitWomen, unitSSO, payesh.UnitOffice, "دفتر امور زنان و خانواده", "Women and Family Affairs Office"},
	{unitResearch, unitSSO, payesh.UnitOffice, "مؤسسه عالی پژوهش تأمین اجتماعی", "Social Security Research Institute"},
	{"public-relations", unitSSO, payesh.UnitOffice, "ادارهٔ کل روابط عمومی", "Public Relations"},
}

// partners are the bodies outside the organization that the reports name:
// the ministry tasked with the comprehensive program (seed 001), and the
// universities and the seminary that received the research projects
// (seed 000). They are roots: the organization does not contain them.
var partners = []unitSpec{
	{unitMinistry, "", payesh.UnitPartner, "وزارت تعاون، کار و رفاه اجتماعی", "Ministry of Cooperatives, Labour and Social Welfare"},
	{unitUniversity, "", payesh.UnitPartner, "دانشگاه‌های سراسر کشور", "Universities across the country"},
	{unitSeminary, "", payesh.UnitPartner, "حوزه علمیه قم", "Qom Seminary"},
}

// province is one of Iran's 31 provinces.
type province struct{ code, fa, en string }

// provinces lists the 31 provinces in Persian alphabetical order. Tehran is
// absent: the organization reports it as three directorates (tehranUnits).
var provinces = []province{
	{"azarbaijan-sharghi", "آذربایجان شرقی", "East Azerbaijan"},
	{"azarbaijan-gharbi", "آذربایجان غربی", "West Azerbaijan"},
	{"ardabil", "اردبیل", "Ardabil"},
	{"isfahan", "اصفهان", "Isfahan"},
	{"alborz", "البرز", "Alborz"},
	{"ilam", "ایلام", "Ilam"},
	{"bushehr", "بوشهر", "Bushehr"},
	{"chaharmahal-bakhtiari", "چهارمحال و بختیاری", "Chaharmahal and Bakhtiari"},
	{"khorasan-jonubi", "خراسان جنوبی", "South Khorasan"},
	{"khorasan-razavi", "خراسان رضوی", "Razavi Khorasan"},
	{"khorasan-shomali", "خراسان شمالی", "North Khorasan"},
	{"khuzestan", "خوزستان", "Khuzestan"},
	{"zanjan", "زنجان", "Zanjan"},
	{"semnan", "سمنان", "Semnan"},
	{"sistan-baluchestan", "سیستان و بلوچستان", "Sistan and Baluchestan"},
	{"fars", "فارس", "Fars"},
	{"qazvin", "قزوین", "Qazvin"},
	{"qom", "قم", "Qom"},
	{"kurdistan", "کردستان", "Kurdistan"},
	{"kerman", "کرمان", "Kerman"},
	{"kermanshah", "کرمانشاه", "Kermanshah"},
	{"kohgiluyeh-boyerahmad", "کهگیلویه و بویراحمد", "Kohgiluyeh and Boyer-Ahmad"},
	{"golestan", "گلستان", "Golestan"},
	{"gilan", "گیلان", "Gilan"},
	{"lorestan", "لرستان", "Lorestan"},
	{"mazandaran", "مازندران", "Mazandaran"},
	{"markazi", "مرکزی", "Markazi"},
	{"hormozgan", "هرمزگان", "Hormozgan"},
	{"hamadan", "همدان", "Hamadan"},
	{"yazd", "یزد", "Yazd"},
}

// tehranUnits are Tehran's directorates: the organization reports its
// statistics for East Tehran, West Tehran and the towns of Tehran province
// separately (DOMAIN-FACTS.md).
var tehranUnits = []unitSpec{
	{"prov-tehran-east", unitSSO, payesh.UnitProvince, "ادارهٔ کل تأمین اجتماعی شرق استان تهران", "Social Security Directorate-General, East Tehran"},
	{"prov-tehran-west", unitSSO, payesh.UnitProvince, "ادارهٔ کل تأمین اجتماعی غرب استان تهران", "Social Security Directorate-General, West Tehran"},
	{"prov-tehran-towns", unitSSO, payesh.UnitProvince, "ادارهٔ کل تأمین اجتماعی شهرستان‌های استان تهران", "Social Security Directorate-General, Tehran Province Towns"},
}

// orgUnits returns the whole demo tree, parents before children.
func orgUnits() []unitSpec {
	all := append([]unitSpec{}, headquarters...)
	for _, p := range provinces {
		all = append(all, unitSpec{
			code:   "prov-" + p.code,
			parent: unitSSO,
			kind:   payesh.UnitProvince,
			fa:     "ادارهٔ کل تأمین اجتماعی استان " + p.fa,
			en:     "Social Security Directorate-General, " + p.en + " Province",
		})
	}
	all = append(all, tehranUnits...)
	return append(all, partners...)
}

// loadUnits creates the tree, reusing a unit that already has its code.
func (l *loader) loadUnits() error {
	for _, s := range orgUnits() {
		id, err := l.ensureUnit(s)
		if err != nil {
			return fmt.Errorf("unit %s: %w", s.code, err)
		}
		l.units[s.code] = id
		l.sum.Units++
	}
	return nil
}

func (l *loader) ensureUnit(s unitSpec) (int64, error) {
	u, err := l.svc.Units.FindOrgUnitByCode(l.ctx, s.code)
	if err == nil {
		return u.ID, nil
	} else if payesh.ErrorCode(err) != payesh.ENOTFOUND {
		return 0, err
	}
	u = &payesh.OrgUnit{Kind: s.kind, Code: s.code, NameFA: s.fa, NameEN: s.en}
	if s.parent != "" {
		parent := l.units[s.parent]
		u.ParentID = &parent
	}
	if err := l.svc.Units.CreateOrgUnit(l.ctx, u); err != nil {
		return 0, err
	}
	return u.ID, nil
}
