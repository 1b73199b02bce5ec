package demo

import "payesh"

// workSpec is one demo work item. Units, parents and clauses are named by
// code so the table reads like the reports it comes from.
type workSpec struct {
	code, parent string
	kind         payesh.WorkKind
	title, desc  string
	owner        string
	partners     []string // unit codes
	clauses      []string // clause numbers
	start, due   payesh.Date
	// done is the date a report says the work stood finished; zero when no
	// report dates it, and the store then records the day of loading.
	done    payesh.Date
	updates []update
}

// update is a progress update quoting a report. No update carries a
// percentage: no report gives one, and done already means 100.
type update struct {
	status payesh.Status
	note   string
}

// Common values of the table.
var (
	issued    = jdate(1401, 1, 21) // the policies were issued
	twoMonths = jdate(1401, 3, 21) // operational program, about two months on (seed 001)
	sixMonths = jdate(1401, 7, 21) // comprehensive realization plan, six months on
	reported  = jdate(1402, 1, 21) // the women and family affairs office's one-year report (seed 003)
	clause8   = []string{"8"}
)

// workItems returns the demo's work, parents before children. Clause links
// are made only where a report ties the work to a clause: seed 003 ties the
// women and family affairs office's year to clause 8. Nothing else is linked,
// since no report says which clause the rest answers.
func workItems() []workSpec {
	var all []workSpec
	for _, group := range [][]workSpec{secretariatWork(), ministryWork(), researchWork(), clause8Work(), legalWork(), provinceWork()} {
		all = append(all, group...)
	}
	return all
}

// secretariatWork: the council of deputies resolves to found the
// secretariat (seed 001), which designs the
// organization's proposed operational program (seed 000).
func secretariatWork() []workSpec {
	return []workSpec{
		{code: "council-res-secretariat", kind: payesh.KindResolution, owner: unitCouncil,
			title: "تشکیل دبیرخانهٔ دائمی پیگیری سیاست‌های کلی تأمین اجتماعی در سازمان",
			desc: "مصوبهٔ نخستین جلسهٔ شورای معاونین سازمان در سال ۱۴۰۱ (جلسه‌ای فوق‌العاده): دبیرخانه‌ای دائمی تشکیل شود تا ضمن تطبیق شرایط با دستورات ابلاغ‌شده، " +
				"زمینه‌های تحقق سیاست‌ها فراهم و اجرایی شود. " + src001,
			updates: []update{{payesh.StatusDone, "دبیرخانه تشکیل شده است و اعضای آن گزارش اقدامات خود را در جلسه با مدیرعامل ارائه کرده‌اند. " + src000 + " " + doneDateCaveat}}},
		{code: "sso-op", kind: payesh.KindProgram, owner: unitSecretariat,
			title: "برنامهٔ عملیاتی پیشنهادی سازمان تأمین اجتماعی برای سیاست‌های کلی تأمین اجتماعی",
			desc: "سیاست‌ها باید به برنامه‌های عملیاتی با بازهٔ زمانی مشخص تبدیل شوند، با نگاه فرابخشی و توجه به هر دو وجه مادی و معنوی (عینی و ذهنی). " +
				"برنامهٔ پیشنهادی سازمان پس از نهایی‌شدن به وزارت متبوع و سایر نهادهای ذی‌ربط ارسال می‌شود. " + src000},
		{code: "sso-op-support-docs", parent: "sso-op", kind: payesh.KindAction, owner: unitSecretariat,
			title:   "تهیهٔ اسناد پشتیبان ناظر بر اجرایی‌شدن سیاست‌ها",
			desc:    "به گفتهٔ مدیرعامل، اولویت اول و برنامهٔ در دست اجرای سازمان. " + src000,
			updates: []update{{payesh.StatusInProgress, "«اولویت اول و برنامه در دست اجرای ما در حال حاضر تهیه اسناد پشتیبان ناظر بر اجرایی شدن این سیاست‌ها است.» — مدیرعامل سازمان. " + src000}}},
		{code: "sso-op-expert-opinions", parent: "sso-op", kind: payesh.KindAction, owner: unitSecretariat,
			title:   "دریافت نظرات کارشناسی حوزه‌های مختلف سازمان برای طراحی برنامهٔ عملیاتی",
			desc:    src000,
			updates: []update{{payesh.StatusDone, "مسئول دبیرخانه: نظرات کارشناسی حوزه‌های مختلف سازمان دریافت شده است. " + src000 + " " + doneDateCaveat}}},
		{code: "sso-op-consult", parent: "sso-op", kind: payesh.KindAction, owner: unitSecretariat,
			title:   "مشورت و همکاری با صاحب‌نظران کشور در طراحی برنامهٔ عملیاتی پیشنهادی",
			desc:    src000,
			updates: []update{{payesh.StatusInProgress, "مسئول دبیرخانه: طراحی برنامهٔ پیشنهادی در درون سازمان و در مشورت و همکاری با صاحب‌نظران کشور در جریان است. " + src000}}},
		{code: "sso-op-finalize", parent: "sso-op", kind: payesh.KindMilestone, owner: unitSecretariat, partners: []string{unitMinistry},
			title: "نهایی‌سازی برنامهٔ عملیاتی پیشنهادی و ارسال آن به وزارت متبوع و سایر نهادهای ذی‌ربط",
			desc:  "به گفتهٔ مسئول دبیرخانه «در آینده نزدیک» نهایی می‌شود؛ منبع تاریخی برای آن نمی‌دهد. " + src000},
		{code: "sso-op-welfare-links", parent: "sso-op", kind: payesh.KindAction, owner: unitSecretariat,
			title: "ایجاد فرایند ارتباط نظام تأمین اجتماعی با سایر حوزه‌های رفاه اجتماعی (آموزش، مسکن، اشتغال‌زایی و …)",
			desc:  "راهبرد سازمان به گفتهٔ عضو دبیرخانه. " + statusUnknown + " " + src000},
		{code: "sso-op-foreign-experience", parent: "sso-op", kind: payesh.KindAction, owner: unitSecretariat,
			title: "بهره‌گیری از تجربیات کشورهای دیگر در حوزهٔ رفاه و تأمین اجتماعی",
			desc:  "پیشنهاد عملیاتی سازمان بر اساس امکانات و اولویت‌ها و با استفاده از تجربیات کشورهای مختلف طراحی می‌شود. " + statusUnknown + " " + src000},
		{code: "sso-op-discourse", parent: "sso-op", kind: payesh.KindAction, owner: unitSecretariat,
			title: "طراحی سازوکار اجرایی برای پیشبرد سیاست‌ها و گفتمان‌سازی دربارهٔ آن‌ها",
			desc:  "مدیرعامل: علاوه بر احکام و برنامه‌های دائمی، سازوکار اجرایی مؤثری برای پیشبرد سیاست‌ها و گفتمان‌سازی باید طراحی شود و آینده‌نگری یک اصل باشد. " + statusUnknown + " " + src000},
	}
}

// ministryWork: the President tasked the ministry with the comprehensive
// program, regulations and guidelines (seed 001; six months, DOMAIN-FACTS).
func ministryWork() []workSpec {
	return []workSpec{
		{code: "mcls-comprehensive", kind: payesh.KindProgram, owner: unitMinistry, partners: []string{unitSSO},
			start: issued, due: sixMonths,
			title: "برنامهٔ جامع تحقق سیاست‌های کلی تأمین اجتماعی",
			desc: "رئیس‌جمهور وزارت تعاون، کار و رفاه اجتماعی را به ارائهٔ برنامهٔ جامع تحقق سیاست‌ها و طراحی آیین‌نامه‌ها و دستورالعمل‌های مورد نیاز مکلف کرد؛ " +
				"سازمان تأمین اجتماعی آمادگی خود را برای نقشی جدی در طراحی و پیشبرد برنامه اعلام کرد. قوهٔ مجریه شش ماه برای ارائهٔ برنامهٔ جامع تحقق فرصت داشت. " + statusUnknown + " " + src001},
		{code: "mcls-op-program", parent: "mcls-comprehensive", kind: payesh.KindMilestone, owner: unitMinistry,
			start: issued, due: twoMonths,
			title: "طراحی برنامهٔ عملیاتی استقرار و پیشبرد سیاست‌ها",
			desc:  "مقرر شد طی دو ماه طراحی شود؛ سررسید، دو ماه پس از ابلاغ سیاست‌ها (۱۴۰۱/۰۱/۲۱) گرفته شده است. " + statusUnknown + " " + src001},
		{code: "mcls-regulations", parent: "mcls-comprehensive", kind: payesh.KindAction, owner: unitMinistry,
			start: issued, due: sixMonths,
			title: "طراحی آیین‌نامه‌ها و دستورالعمل‌های مورد نیاز تحقق سیاست‌ها",
			desc:  statusUnknown + " " + src001},
	}
}

// researchWork: the research institute's part (seed 000).
func researchWork() []workSpec {
	return []workSpec{
		{code: "rii-research", kind: payesh.KindProgram, owner: unitResearch,
			title: "پشتیبانی پژوهشی از طراحی برنامهٔ عملیاتی سیاست‌های کلی",
			desc:  "رئیس مؤسسه: طراحی برنامهٔ عملیاتی باید با جامع‌نگری و توجه به همهٔ ابعاد سیاست‌ها و برگرفته از الگوی اسلامی ایرانی باشد. " + src000},
		{code: "rii-74-projects", parent: "rii-research", kind: payesh.KindResearch, owner: unitResearch,
			partners: []string{unitUniversity, unitSeminary},
			title:    "۷۴ طرح پژوهشی در ۱۴ محور برای طراحی برنامهٔ عملیاتی سیاست‌ها",
			desc:     src000,
			updates:  []update{{payesh.StatusInProgress, "۷۴ طرح پژوهشی در ۱۴ محور احصا و به دانشگاه‌های سراسر کشور و حوزه علمیه قم ارسال شده است. " + src000}}},
		{code: "rii-call-for-papers", parent: "rii-research", kind: payesh.KindAction, owner: unitResearch,
			title:   "فراخوان مقاله در ۳۰ محور مرتبط با سیاست‌ها",
			desc:    src000,
			updates: []update{{payesh.StatusInProgress, "فراخوان مقاله در ۳۰ محور مرتبط با سیاست‌ها صادر شده است. " + src000}}},
		{code: "rii-journal-special", parent: "rii-research", kind: payesh.KindMilestone, owner: unitResearch,
			title: "انتشار ویژه‌نامهٔ فصلنامهٔ تأمین اجتماعی دربارهٔ سیاست‌ها",
			desc:  "به گفتهٔ رئیس مؤسسه، فصلنامه این ویژه‌نامه را منتشر خواهد کرد. " + src000},
	}
}

// clause8Work: the women and family affairs office's first year (seed 003).
// The counts are the report's, "more than" included.
func clause8Work() []workSpec {
	w := func(code, title, desc string, partners []string, u update) workSpec {
		return workSpec{code: code, parent: "women-clause8", kind: payesh.KindAction, owner: unitWomen,
			partners: partners, clauses: clause8, start: issued, title: title, desc: desc + " " + src003,
			done: reported, updates: []update{u}}
	}
	// The report is dated; it says the work was done by then, not when.
	done := func(note string) update {
		return update{payesh.StatusDone, note + " تاریخ انجام، تاریخ گزارش (۱۴۰۲/۰۱/۲۱) ثبت شده است؛ منبع تاریخ دقیق انجام را نمی‌گوید."}
	}
	return []workSpec{
		{code: "women-clause8", kind: payesh.KindProgram, owner: unitWomen, clauses: clause8, start: issued,
			title: "اجرای بند ۸ سیاست‌ها (تحکیم خانواده و فرزندآوری) در سازمان",
			desc:  "ارائهٔ راهکارهای تخصصی در ابعاد بیمه‌ای، حمایتی و امدادی در راستای اجرایی‌کردن بند هشتم سیاست‌ها. " + src003,
			updates: []update{{payesh.StatusInProgress,
				"موانع: حوزهٔ امور زنان و خانواده با نبود ردیف تشکیلاتی و بودجهٔ مصوب روبه‌رو است. (گزارش یک‌ساله، ۱۴۰۲/۰۱/۲۱) " + src003}}},
		w("women-c8-hq", "تشکیل قرارگاه جمعیت و کمیته‌های تخصصی", "", nil,
			done("قرارگاه جمعیت و کمیته‌های تخصصی تشکیل شد.")),
		w("women-c8-sessions", "سلسله نشست‌های آموزشی و جلسات هم‌اندیشی با زنان شاغل در سازمان",
			"از جمله سلسله نشست‌های «بررسی ابعاد جمعی با تمرکز بر چشم‌انداز و کارکردهای سازمان تأمین اجتماعی».", nil,
			// The report lists the series among the year's work; «به صورت
			// مستمر» in it qualifies the content published, not the sessions.
			done("سلسله نشست‌های آموزشی و جلسات هم‌اندیشی با زنان شاغل در سازمان برگزار شد؛ گزارش شمار آن‌ها را نمی‌گوید.")),
		w("women-c8-content", "انتشار محتوا دربارهٔ تحکیم خانواده و فرزندآوری",
			"گفت‌وگو، خبر، گزارش، یادداشت و… در پایگاه رسمی سازمان، هفته‌نامهٔ آتیه نو، سایت آتیه آنلاین و خبرگزاری‌های سراسری.", nil,
			done("به‌صورت مستمر در سال نخست بیش از ۲۵۸ محتوا منتشر شد.")),
		w("women-c8-courses", "دوره‌های آموزشی تبیین قانون جوانی جمعیت و حمایت از خانواده",
			"به‌صورت وبیناری و حضوری.", nil,
			done("۸ دورهٔ آموزشی وبیناری و حضوری برگزار شد.")),
		w("women-c8-research-group", "مشارکت در کارگروه پژوهشی زنان با محوریت جوانی جمعیت و حمایت از خانواده",
			"با همکاری مؤسسه عالی پژوهش تأمین اجتماعی.", []string{unitResearch},
			done("بیش از ۳۰۰ نفرساعت کار در کارگروه پژوهشی زنان انجام شد.")),
		w("women-c8-infertility", "مشاورهٔ میدانی ناباروری با تأکید بر سبک زندگی ایرانی ـ اسلامی",
			"در راستای اهمیت فرزندآوری، در سطح کشور.", nil,
			done("بیش از ۵۰ ساعت مشاورهٔ میدانی ناباروری در سطح کشور انجام شد.")),
	}
}

// legalWork: what the CEO asked of the legal deputy in Mehr 1400 (seed 002),
// half a year before the policies were issued, so none of it is linked to a
// clause.
func legalWork() []workSpec {
	child := func(code, title, desc string) workSpec {
		return workSpec{code: code, parent: "legal-parliament-government", kind: payesh.KindAction, owner: unitLegal,
			start: jdate(1400, 7, 3), title: title, desc: desc + " " + statusUnknown + " " + src002}
	}
	return []workSpec{
		{code: "legal-parliament-government", kind: payesh.KindProgram, owner: unitLegal, start: jdate(1400, 7, 3),
			title: "انتقال دیدگاه‌های کارشناسی سازمان به مجلس و دولت و پیگیری مطالبات آن‌ها",
			desc: "ارتباط مؤثر با مجلس، دولت و نهادهای بین‌المللی اساس کار معاونت است؛ برنامه‌ریزی همراه با پیش‌بینی شرایط محتمل آینده. " +
				"این دستور پیش از ابلاغ سیاست‌ها داده شده و به بندی از آن‌ها پیوند داده نشده است. " + src002},
		child("legal-7th-plan", "پیگیری برنامهٔ هفتم توسعه برای انتقال دیدگاه‌های سازمان",
			"پیگیری دقیق و جدی برای انتقال دیدگاه‌های سازمان."),
		child("legal-budget-1401", "پیگیری قانون بودجهٔ سال ۱۴۰۱ برای انتقال دیدگاه‌های سازمان",
			"پیگیری دقیق و جدی برای انتقال دیدگاه‌های سازمان."),
		child("legal-perceptions", "اصلاح تصورات نادرست دربارهٔ سازمان تأمین اجتماعی نزد مراجع تصمیم‌گیری و جامعه",
			"فهم درست از سازمان امکان تصمیم درست دربارهٔ مسائل مهم آن را فراهم می‌کند."),
	}
}

// provinceWork: the Khorasan Razavi priority the CEO announced (seed 004).
func provinceWork() []workSpec {
	return []workSpec{
		{code: "khr-imam-reza-hospital", kind: payesh.KindAction, owner: unitKhorasan,
			title: "تکمیل و راه‌اندازی بیمارستان امام رضا (ع) مشهد",
			desc:  "مدیرعامل پس از بازدید میدانی از پروژه همراه با نمایندهٔ مردم مشهد اعلام کرد تکمیل و راه‌اندازی آن در اولویت برنامه‌های سازمان قرار خواهد گرفت. " + src004,
			// A note only: the report says the hospital awaits completion,
			// not whether work on it is going on, so the status stays.
			updates: []update{{"",
				"مدیرعامل از پروژهٔ بیمارستان بازدید میدانی کرد و تکمیل آن را در اولویت برنامه‌های سازمان خواند؛ منبع از وضعیت و درصد پیشرفت پروژه چیزی نمی‌گوید. " + src004}}},
	}
}
