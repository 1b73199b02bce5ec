package demo

import (
	"context"
	"fmt"
	"strconv"

	"payesh"
	"payesh/internal/jalali"
)

// clauseSpec is one of the nine clauses. Only three topics are confirmed by
// public sources (DOMAIN-FACTS.md); the titles here name those topics and are
// not the official wording, which the secretariat loads itself.
type clauseSpec struct {
	number  int
	fa, en  string
	confirm string // the source that confirms the topic, empty when none does
}

var clauses = []clauseSpec{
	{1, "نظام تأمین اجتماعی جامع، یکپارچه، شفاف، کارآمد، فراگیر و چندلایه",
		"A comprehensive, integrated, transparent, efficient, inclusive, multi-layer social security system", sourcePublic},
	{2, "", "", ""},
	{3, "عدالت بین‌نسلی در صندوق‌های بازنشستگی", "Intergenerational justice for the pension funds", sourcePublic},
	{4, "", "", ""},
	{5, "", "", ""},
	{6, "", "", ""},
	{7, "", "", ""},
	{8, "تحکیم خانواده و فرزندآوری", "Family strengthening and childbearing", "گزارش یک‌سالهٔ دفتر امور زنان و خانواده، ۱۴۰۲/۰۱/۲۱"},
	{9, "", "", ""},
}

// sourcePublic names the public reporting on the policies' text that
// DOMAIN-FACTS.md gathers.
const sourcePublic = "گزارش‌های عمومی دربارهٔ متن سیاست‌ها"

// Notes on the clauses: a confirmed topic is still not the official text,
// and an unconfirmed one is left as a bare number rather than guessed.
const (
	noteConfirmed   = "عنوان، موضوع تأییدشدهٔ این بند است و نه متن رسمی آن (منبع: %s). متن رسمی را دبیرخانه بارگذاری می‌کند."
	noteUnconfirmed = "موضوع این بند در منابع در دسترس تأیید نشده است. متن رسمی را دبیرخانه بارگذاری می‌کند."
)

// policy is the General Social Security Policies as DOMAIN-FACTS.md
// describes them.
func policy() *payesh.Document {
	return &payesh.Document{
		Code:     DocumentCode,
		Kind:     payesh.DocPolicy,
		TitleFA:  "سیاست‌های کلی تأمین اجتماعی",
		TitleEN:  "General Social Security Policies",
		Issuer:   "مقام معظم رهبری (بند ۱ اصل ۱۱۰ قانون اساسی)",
		IssuedOn: jdate(1401, 1, 21),
		Note: "ابلاغ‌شده در ۱۴۰۱/۰۱/۲۱ پس از مشورت با مجمع تشخیص مصلحت نظام، خطاب به سران قوا و مجمع. " +
			"قوهٔ مجریه شش ماه برای ارائهٔ برنامهٔ جامع تحقق سیاست‌ها فرصت داشت. " +
			"دارای نُه بند (محورهای نُه‌گانه)؛ متن رسمی بندها را دبیرخانه بارگذاری می‌کند.",
	}
}

// loadDocument creates the policy and its nine clauses.
func (l *loader) loadDocument() error {
	doc := policy()
	if err := l.svc.Documents.CreateDocument(l.ctx, doc); err != nil {
		return fmt.Errorf("document: %w", err)
	}
	l.sum.DocumentID = doc.ID
	for _, s := range clauses {
		c := s.clause(doc.ID)
		if err := l.svc.Documents.CreateClause(l.ctx, c); err != nil {
			return fmt.Errorf("clause %d: %w", s.number, err)
		}
		l.clauses[c.Number] = c.ID
		l.sum.Clauses++
	}
	return nil
}

func (s clauseSpec) clause(docID int64) *payesh.Clause {
	c := &payesh.Clause{
		DocumentID: docID,
		Number:     strconv.Itoa(s.number),
		Ordinal:    s.number,
		TitleFA:    s.fa,
		TitleEN:    s.en,
		Note:       fmt.Sprintf(noteConfirmed, s.confirm),
	}
	if s.fa == "" {
		c.TitleFA = "بند " + jalali.ToPersianDigits(c.Number)
		c.TitleEN = "Clause " + c.Number
		c.Note = noteUnconfirmed
	}
	return c
}

// findDocument returns the document with code, or nil. Documents are few,
// so paging through them is cheaper than trusting a text search to match a
// code exactly.
func findDocument(ctx context.Context, docs payesh.DocumentService, code string) (*payesh.Document, error) {
	f := payesh.DocumentFilter{Page: payesh.Page{Limit: payesh.MaxLimit}}
	for {
		list, total, err := docs.FindDocuments(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, d := range list {
			if d.Code == code {
				return d, nil
			}
		}
		f.Offset += len(list)
		if len(list) == 0 || f.Offset >= total {
			return nil, nil
		}
	}
}

// jdate converts a Jalali date written in this package's tables; they are
// constants, so an invalid one is a programming error.
func jdate(y, m, d int) payesh.Date {
	j, err := jalali.New(y, m, d)
	if err != nil {
		panic(err)
	}
	return payesh.FromJalali(j)
}
