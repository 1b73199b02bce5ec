package demo

import (
	"fmt"

	"payesh"
)

// The demo's bodies and meetings (issue 14), as two reports describe
// them: the council of deputies' first session of 1401, extraordinary,
// which resolved that a permanent secretariat be formed (seed 001), and
// the CEO's meeting with the members of that secretariat (seed 000).
// Neither report gives a date, a place or a session number, so the
// meetings have none; people are named by the posts the reports give
// them, as the rest of the demo does. The second meeting made no
// resolution the report records, so it has none.

// foundingResolution is the council's resolution. Loaded with meetings,
// it is made by the council's meeting instead of as a plain work item.
const foundingResolution = "council-res-secretariat"

// Codes of the demo's bodies.
const (
	bodyCouncil     = "council-deputies"
	bodySecretariat = "gssp-secretariat"
)

// bodySpecs are the two bodies the reports name, in the units the demo
// tree already has for them.
var bodySpecs = []struct {
	code, unit, fa, en, note string
}{
	{bodyCouncil, unitCouncil, "شورای معاونین سازمان", "Council of Deputies",
		"شورای معاونین سازمان تأمین اجتماعی. " + src001},
	{bodySecretariat, unitSecretariat, "دبیرخانه دائمی پیگیری سیاست‌های کلی تأمین اجتماعی",
		"Permanent Secretariat for Following up the General Social Security Policies",
		"به مصوبهٔ نخستین جلسهٔ شورای معاونین در سال ۱۴۰۱ تشکیل شد. " + src001},
}

// withoutMeetingWork leaves out of the plain work what a meeting makes
// when meetings are loaded.
func (l *loader) withoutMeetingWork(specs []workSpec) []workSpec {
	if l.svc.Meetings == nil {
		return specs
	}
	out := make([]workSpec, 0, len(specs))
	for _, s := range specs {
		if s.code != foundingResolution {
			out = append(out, s)
		}
	}
	return out
}

// loadMeetings records the bodies, the two meetings and the founding
// resolution, closed as the secretariat closes one: with evidence — the
// report of the secretariat at work — accepted.
func (l *loader) loadMeetings() error {
	m := l.svc.Meetings
	if m == nil {
		return nil
	}
	bodies, err := l.loadBodies()
	if err != nil {
		return err
	}

	council := &payesh.Meeting{BodyID: bodies[bodyCouncil], Kind: payesh.MeetingExtraordinary,
		Title:  "نخستین جلسهٔ شورای معاونین سازمان در سال ۱۴۰۱",
		People: []payesh.Participant{{Role: payesh.RoleAttendee, Name: "مدیرعامل سازمان تأمین اجتماعی"}},
		Minutes: "جلسه به صورت فوق‌العاده و فوری و به منظور بحث و تبادل‌نظر در زمینهٔ اتخاذ تصمیم و تدوین راهکارهای عملیاتی‌سازی سیاست‌های کلی تأمین اجتماعی برگزار شد.\n" +
			"مدیرعامل سازمان: وزارت تعاون، کار و رفاه اجتماعی از سوی رئیس‌جمهور مکلف به ارائهٔ برنامهٔ جامع تحقق این سیاست‌ها و طراحی آیین‌نامه‌ها و دستورالعمل‌های مورد نیاز شده و مقرر است طی دو ماه آینده برنامهٔ عملیاتی استقرار و پیشبرد این سیاست‌ها طراحی شود.\n" +
			"مدیرعامل سازمان: محورهای نُه‌گانهٔ سیاست‌ها همگی از مأموریت‌های اصلی سازمان‌اند و سازمان آمادگی دارد در طراحی و پیشبرد برنامهٔ عملیاتی نقشی جدی بر عهده بگیرد؛ دال مرکزی سیاست‌ها تحقق عدالت است.\n" +
			"در پایان جلسه مقرر شد دبیرخانه‌ای دائمی با هدف پیگیری سیاست‌ها در سازمان تشکیل شود.\n" + src001}
	if err := m.CreateMeeting(l.ctx, council); err != nil {
		return fmt.Errorf("council meeting: %w", err)
	}
	agenda := &payesh.AgendaItem{Title: "اتخاذ تصمیم و تدوین راهکارهای عملیاتی‌سازی سیاست‌های کلی تأمین اجتماعی"}
	if err := m.AddAgendaItem(l.ctx, council.ID, agenda); err != nil {
		return fmt.Errorf("council agenda: %w", err)
	}
	if err := l.foundSecretariat(council.ID, agenda.ID); err != nil {
		return fmt.Errorf("founding resolution: %w", err)
	}

	withCEO := &payesh.Meeting{BodyID: bodies[bodySecretariat], Kind: payesh.MeetingRegular,
		Title: "جلسهٔ مدیرعامل سازمان با اعضای دبیرخانهٔ دائمی پیگیری سیاست‌های کلی تأمین اجتماعی",
		People: []payesh.Participant{
			{Role: payesh.RoleAttendee, Name: "مدیرعامل سازمان تأمین اجتماعی"},
			{Role: payesh.RoleAttendee, Name: "مشاور مدیرعامل و مسئول دبیرخانهٔ پیگیری سیاست‌های کلی تأمین اجتماعی"},
			{Role: payesh.RoleAttendee, Name: "رئیس مؤسسه عالی پژوهش تأمین اجتماعی"},
			{Role: payesh.RoleAttendee, Name: "عضو دبیرخانهٔ سیاست‌های کلی تأمین اجتماعی"},
		},
		Minutes: "مدیرعامل سازمان: در سیاست‌ها به روشنی بر تهیهٔ برنامه‌های عملیاتی در بازهٔ زمانی مشخص تأکید شده است. «اولویت اول و برنامه در دست اجرای ما در حال حاضر تهیه اسناد پشتیبان ناظر بر اجرایی شدن این سیاست‌ها است.» در طراحی برنامه‌های عملیاتی باید نگاه موسع و فرابخشی، هر دو وجه مادی و معنوی (عینی و ذهنی)، گفتمان‌سازی و آینده‌نگری مورد توجه باشد.\n" +
			"مسئول دبیرخانه: نظرات کارشناسی حوزه‌های مختلف سازمان دریافت شده است و برنامهٔ عملیاتی پیشنهادی سازمان در درون سازمان و در مشورت با صاحب‌نظران کشور در حال طراحی است؛ این برنامه در آینده‌ای نزدیک نهایی و به وزارت متبوع و سایر نهادهای ذی‌ربط ارسال می‌شود.\n" +
			"رئیس مؤسسه عالی پژوهش: ۷۴ طرح پژوهشی در ۱۴ محور به دانشگاه‌های سراسر کشور و حوزهٔ علمیهٔ قم ارسال شده، فراخوان مقاله در ۳۰ محور صادر شده و فصلنامهٔ تأمین اجتماعی ویژه‌نامه‌ای دربارهٔ سیاست‌ها منتشر خواهد کرد.\n" +
			"عضو دبیرخانه: برای ارتباط نظام تأمین اجتماعی با سایر حوزه‌های رفاه اجتماعی (آموزش، مسکن، اشتغال‌زایی و …) فرایندی مشخص ایجاد شود و از تجربیات کشورهای مختلف استفاده شود.\n" + src000}
	if err := m.CreateMeeting(l.ctx, withCEO); err != nil {
		return fmt.Errorf("secretariat meeting: %w", err)
	}
	report := &payesh.AgendaItem{Title: "گزارش اعضای دبیرخانه از اقدامات انجام‌شده برای عملیاتی‌سازی سیاست‌ها و طراحی برنامه‌ها"}
	if err := m.AddAgendaItem(l.ctx, withCEO.ID, report); err != nil {
		return fmt.Errorf("secretariat agenda: %w", err)
	}
	return nil
}

// loadBodies creates the bodies, reusing any an interrupted load left.
func (l *loader) loadBodies() (map[string]int64, error) {
	ids := map[string]int64{}
	existing, err := l.svc.Meetings.FindBodies(l.ctx)
	if err != nil {
		return nil, err
	}
	for _, b := range existing {
		ids[b.Code] = b.ID
	}
	for _, s := range bodySpecs {
		if ids[s.code] != 0 {
			continue
		}
		unit := l.unit(s.unit)
		b := &payesh.Body{Code: s.code, NameFA: s.fa, NameEN: s.en, UnitID: &unit, Note: s.note}
		if err := l.svc.Meetings.CreateBody(l.ctx, b); err != nil {
			return nil, fmt.Errorf("body %s: %w", s.code, err)
		}
		ids[s.code] = b.ID
	}
	return ids, nil
}

// foundSecretariat makes the founding resolution from its work spec and
// closes it with the report of the secretariat at work as evidence.
func (l *loader) foundSecretariat(meetingID, agendaID int64) error {
	var spec *workSpec
	for _, s := range workItems() {
		if s.code == foundingResolution {
			spec = &s
		}
	}
	if spec == nil || len(spec.updates) == 0 {
		return fmt.Errorf("no work spec %s", foundingResolution)
	}
	res, err := l.svc.Meetings.CreateResolution(l.ctx, meetingID, &agendaID, &payesh.WorkItem{
		Code: spec.code, Title: spec.title, Description: spec.desc, OwnerUnitID: l.unit(spec.owner)})
	if err != nil {
		return err
	}
	l.work[spec.code] = res.ID
	l.sum.WorkItems++
	c, err := l.svc.Meetings.RequestClosure(l.ctx, res.ID, payesh.ClosureInput{EvidenceRef: src000,
		Note: spec.updates[0].note, Version: res.Version}, nil)
	if err != nil {
		return err
	}
	if _, _, err := l.svc.Meetings.AcceptClosure(l.ctx, c.ID, payesh.WorkChangeDecision{Version: c.Version}); err != nil {
		return err
	}
	l.sum.Updates++
	return nil
}
